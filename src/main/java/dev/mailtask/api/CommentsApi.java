package dev.mailtask.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtask.conversation.CommentService;
import dev.mailtask.outbound.OutgoingMail;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code POST /api/tasks/{id}/comments}:
 * <pre>{"author": "alice", "text": "...", "hidden": false,
 *  "notify": {"employees": ["bob"], "contacts": ["carol@client.example"]},
 *  "attachments": [{"fileName": "a.pdf", "contentType": "application/pdf", "base64": "..."}]}</pre>
 * The notified contacts get the comment by mail (never a hidden one); the answer lists who.
 */
public final class CommentsApi {

    private final CommentService comments;

    public CommentsApi(CommentService comments) {
        this.comments = comments;
    }

    public CommentService.Posted post(String taskId, String body) {
        long id = ReadApi.id("task", taskId);
        JsonNode json = JsonBody.parse(body, JsonBody.text("author", 255), JsonBody.multiLineText("text"),
                JsonBody.bool("hidden"), JsonBody.object("notify", JsonBody.texts("employees", 320),
                        JsonBody.texts("contacts", 320)),
                JsonBody.objects("attachments", JsonBody.text("fileName", 1000), JsonBody.text("contentType", 255),
                        JsonBody.multiLineText("base64")));
        String text = json.path("text").asText("");
        if (text.isBlank()) {
            throw ApiException.badRequest("text is required");
        }
        JsonNode notify = json.path("notify");
        if (!notify.isMissingNode() && !notify.isObject()) {
            throw ApiException.badRequest("notify must be an object with 'employees' and 'contacts' lists");
        }
        boolean hidden = json.path("hidden").asBoolean(false);
        try {
            return comments.post(id, new CommentService.NewComment(json.path("author").asText(null), text, hidden,
                    strings(notify.path("employees")), strings(notify.path("contacts")),
                    attachments(json.path("attachments"))));
        } catch (CommentService.UnknownReference e) {
            throw e.getMessage().startsWith("no task") ? ApiException.notFound(e.getMessage())
                    : ApiException.badRequest(e.getMessage());
        } catch (CommentService.TooManyRecipients e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiException(409, e.getMessage());
        }
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<OutgoingMail.Attachment> attachments(JsonNode list) {
        List<OutgoingMail.Attachment> out = new ArrayList<>();
        for (JsonNode a : list) {
            String name = a.path("fileName").asText("");
            if (name.isBlank()) {
                throw ApiException.badRequest("every attachment needs a fileName");
            }
            try {
                out.add(new OutgoingMail.Attachment(name, a.path("contentType").asText("application/octet-stream"),
                        Base64.getMimeDecoder().decode(a.path("base64").asText(""))));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("attachment " + name + ": " + e.getMessage());
            }
        }
        return out;
    }
}
