package dev.mailtask.api;

import dev.mailtask.access.Principal;
import dev.mailtask.conversation.DeliveryStatus;
import dev.mailtask.conversation.Outbox;
import java.util.List;

/**
 * Cancelling queued mail: {@code POST /api/outbox/{id}/cancel} one mail,
 * {@code POST /api/tasks/{id}/comments/{commentId}/cancel-mail} everything a comment still has queued. A cancelled mail is never sent and shows as CANCELLED in the outbox;
 * mail already sent, failed or bounced (or with the SMTP server this moment) cannot be cancelled: 409.
 */
public final class OutboxApi {

    private final Outbox outbox;

    public OutboxApi(Outbox outbox) {
        this.outbox = outbox;
    }

    public record CancelledMail(long id, String status) {
    }

    public record CancelledCommentMail(long commentId, List<Long> cancelled, List<Long> beingSent) {
    }

    public CancelledMail cancel(String id, Principal by) {
        long outboxId = ReadApi.id("outbox", id);
        try {
            if (!outbox.cancel(outboxId, by.name())) {
                throw ApiException.notFound("no outbox mail " + outboxId);
            }
        } catch (IllegalStateException e) {
            throw new ApiException(409, e.getMessage());
        }
        return new CancelledMail(outboxId, DeliveryStatus.CANCELLED.name());
    }

    public CancelledCommentMail cancelComment(String taskId, String commentId, Principal by) {
        long task = ReadApi.id("task", taskId);
        long comment = ReadApi.id("comment", commentId);
        Outbox.CommentCancellation done = outbox.cancelComment(task, comment, by.name())
                .orElseThrow(() -> ApiException.notFound("task " + task + " has no comment " + comment));
        return new CancelledCommentMail(done.commentId(), done.cancelled(), done.beingSent());
    }
}
