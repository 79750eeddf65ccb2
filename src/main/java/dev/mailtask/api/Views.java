package dev.mailtask.api;

import java.util.List;

/** The JSON shapes of the read API. Timestamps are ISO-8601 strings in UTC. */
public final class Views {

    private Views() {
    }

    public record Page<T>(int page, int size, long total, List<T> items) {
    }

    public record TaskSummary(long id, long number, String title, String status, String createdAt) {
    }

    public record Person(String kind, long id, String name, String email) {
    }

    public record AttachmentInfo(int n, String fileName, String contentType, long size, String contentId,
            boolean inline, String sha256, String href) {
    }

    public record Delivery(String recipient, String status, int attempts, String lastError, String sentAt,
            String messageId) {
    }

    /**
     * A comment; {@code held}: a stranger's mail waiting for an employee to let it in ({@code sender} is its From,
     * {@code notified} who will be told then).
     */
    public record CommentView(long id, Person author, String text, boolean hidden, boolean held, String sender,
            String createdAt, List<Person> notified, List<Delivery> deliveries) {
    }

    public record TaskDetail(long id, long number, String title, String status, String description,
            Integer projectNumber, String projectName, String accountId, Person assigner, List<Person> assignees,
            List<Person> participants, List<AttachmentInfo> attachments, List<CommentView> comments,
            String createdAt, Long followsTaskId) {
    }

    public record ContactView(long id, String name, String email, List<String> additionalEmails, boolean spammer,
            String createdAt) {
    }

    public record MessageView(long id, String direction, String accountId, String messageId, String inReplyTo,
            List<String> references, String from, String subject, String status, String decision, String error,
            long rawSize, Long taskId, Long commentId, String receivedAt, String rawHref, Object trace) {
    }

    /** Bytes to send with their content type (as stored, if it is one) and a download name. */
    public record Download(String fileName, String contentType, byte[] content) {

        private static final java.util.regex.Pattern MEDIA_TYPE = java.util.regex.Pattern.compile(
                "[\\w.+-]+/[\\w.+-]+(?: *;[\\x20-\\x7E]*)?");

        public Download {
            if (contentType == null || !MEDIA_TYPE.matcher(contentType).matches()) {
                contentType = "application/octet-stream";
            }
        }

        /** Content-Disposition with an RFC 6266 / RFC 5987 UTF-8 file name. */
        public String disposition() {
            String ascii = fileName.replaceAll("[^\\x20-\\x7E]|[\"\\\\]", "_");
            return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                    + java.net.URLEncoder.encode(fileName, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    public record OutboxView(long id, Long taskId, Long commentId, String accountId, String recipient, String status,
            int attempts, String nextAttemptAt, String lastError, String createdAt, String sentAt, String messageId) {
    }

    public record Error(int status, String error) {
    }
}
