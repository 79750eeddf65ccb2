package dev.mailtask.api;

import dev.mailtask.intake.IntakeService;
import dev.mailtask.intake.ReceivedMail;
import java.util.Map;

/**
 * Mail actions over REST: taking a stored mail out again for the intake route to process; letting a held
 * comment in.
 */
public final class MessageApi {

    private final IntakeService intake;

    public MessageApi(IntakeService intake) {
        this.intake = intake;
    }

    /** An employee lets a stranger's held comment in; 404 for no such comment, 409 for one not held. */
    public Map<String, Object> admit(String taskId, String commentId) {
        long task = ReadApi.id("task", taskId);
        long comment = ReadApi.id("comment", commentId);
        try {
            intake.admit(task, comment);
            return Map.of("taskId", task, "commentId", comment, "held", false);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiException(409, e.getMessage());
        }
    }

    /** The stored mail, ready for the intake route; 404 for no such mail, 409 for one processed already. */
    public ReceivedMail reprocess(String id) {
        long messageId = ReadApi.id("message", id);
        try {
            return intake.reprocessable(messageId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiException(409, e.getMessage());
        }
    }
}
