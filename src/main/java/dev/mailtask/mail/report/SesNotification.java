package dev.mailtask.mail.report;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mailtask.mail.InboundMail;

/**
 * Amazon SES event notifications delivered by e-mail (SNS e-mail subscription): a JSON body with
 * {@code notificationType} (or {@code eventType}) {@code Bounce}, {@code Complaint} or {@code Delivery}.
 */
final class SesNotification {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SesNotification() {
    }

    /** The report this mail's JSON body holds, or null when it is not an SES notification. */
    static MailReport read(InboundMail mail) {
        String text = mail.textBody().trim();
        if (!text.startsWith("{") || !text.contains("Type\"")) {
            return null;
        }
        int end = text.lastIndexOf('}');
        JsonNode root;
        try {
            // long lines of the JSON may have been wrapped by the mailer: line breaks are never part of it
            root = JSON.readTree(text.substring(0, end + 1).replace("\r", "").replace("\n", ""));
            if (root.hasNonNull("Message") && root.get("Message").isTextual()) {
                root = JSON.readTree(root.get("Message").asText()); // an SNS envelope around the notification
            }
        } catch (Exception e) {
            return null;
        }
        String type = root.path("notificationType").asText(root.path("eventType").asText(""));
        String messageId = null;
        JsonNode headers = root.path("mail").path("headers");
        for (JsonNode h : headers) {
            if ("Message-ID".equalsIgnoreCase(h.path("name").asText())) {
                messageId = Fields.messageId(h.path("value").asText());
            }
        }
        if (messageId == null && root.path("mail").path("commonHeaders").hasNonNull("messageId")) {
            messageId = Fields.messageId(root.path("mail").path("commonHeaders").path("messageId").asText());
        }
        List<String> signals = List.of("Amazon SES notification: " + type);
        List<RecipientStatus> recipients = new ArrayList<>();
        switch (type) {
            case "Bounce" -> {
                JsonNode b = root.path("bounce");
                boolean permanent = "Permanent".equalsIgnoreCase(b.path("bounceType").asText());
                for (JsonNode r : b.path("bouncedRecipients")) {
                    String diagnostic = text(r, "diagnosticCode");
                    String status = MailReports.statusCode(text(r, "status"));
                    if (status == null) {
                        status = MailReports.statusCode(diagnostic);
                    }
                    if (status == null) {
                        status = permanent ? "5.0.0" : "4.0.0";
                    }
                    String action = text(r, "action");
                    recipients.add(new RecipientStatus(r.path("emailAddress").asText(),
                            action != null ? action : permanent ? "failed" : "delayed", status, text(b, "reportingMTA"),
                            diagnostic == null ? null : Fields.typed(diagnostic)));
                }
                return new MailReport(ReportKind.DELIVERY_STATUS, signals, messageId, recipients, null, null);
            }
            case "Delivery" -> {
                JsonNode d = root.path("delivery");
                String response = text(d, "smtpResponse");
                String status = MailReports.statusCode(response);
                for (JsonNode r : d.path("recipients")) {
                    recipients.add(new RecipientStatus(r.asText(), "delivered", status != null ? status : "2.0.0",
                            text(d, "reportingMTA"), response));
                }
                return new MailReport(ReportKind.DELIVERY_STATUS, signals, messageId, recipients, null, null);
            }
            case "Complaint" -> {
                String feedback = text(root.path("complaint"), "complaintFeedbackType");
                return new MailReport(ReportKind.FEEDBACK_REPORT, signals, messageId, List.of(),
                        feedback == null ? "abuse" : feedback.toLowerCase(java.util.Locale.ROOT), null);
            }
            default -> {
                return null;
            }
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
