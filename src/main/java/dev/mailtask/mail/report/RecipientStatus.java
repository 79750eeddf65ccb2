package dev.mailtask.mail.report;

import java.util.Locale;

/**
 * One recipient a delivery status notification reports on.
 *
 * @param address        the recipient address (Final-Recipient, else Original-Recipient, else as found in the
 *                       text of a plain-text bounce), never null
 * @param action         RFC 3464 Action lower-case ({@code failed}, {@code delayed}, {@code delivered},
 *                       {@code relayed}, {@code expanded}); for plain-text bounces {@code failed}, or
 *                       {@code delayed} when the status is 4.x.x
 * @param status         the enhanced status code "class.subject.detail" (RFC 3463), e.g. {@code 5.1.1}; when
 *                       the report gives none but an SMTP reply code or an action, {@code 5.0.0} /
 *                       {@code 4.0.0}; null when nothing tells
 * @param remoteMta      the Remote-MTA (without the "dns;" type), or null
 * @param diagnosticCode the Diagnostic-Code (without the "smtp;" type) or the server's reply quoted in a
 *                       plain-text bounce, whitespace collapsed, or null
 */
public record RecipientStatus(String address, String action, String status, String remoteMta,
        String diagnosticCode) {

    public RecipientStatus {
        address = address == null ? "" : address.trim();
    }

    /** Not delivered: action failed or delayed, or a 4.x.x / 5.x.x status. */
    public boolean failed() {
        if (action != null) {
            String a = action.toLowerCase(Locale.ROOT);
            if (a.startsWith("failed") || a.startsWith("delayed")) {
                return true;
            }
            if (a.startsWith("delivered") || a.startsWith("relayed") || a.startsWith("expanded")) {
                return false;
            }
        }
        return status != null && (status.startsWith("4") || status.startsWith("5"));
    }

    /** A permanent failure (status class 5, or action failed without a status). */
    public boolean permanent() {
        return status != null ? status.startsWith("5") : action != null && action.startsWith("failed");
    }
}
