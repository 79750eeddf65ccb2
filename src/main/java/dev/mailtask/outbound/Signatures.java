package dev.mailtask.outbound;

/**
 * The per-account signature under a body, after the standard delimiter line {@code "-- "} (RFC 3676 §4.3),
 * which our own reply parsing, and most mail clients, cut off when quoting. Nothing is appended for a
 * null or blank signature; a signature that already starts with the delimiter line does not get a
 * second one.
 */
public final class Signatures {

    private Signatures() {
    }

    /** {@code body}, trailing blank lines trimmed, then "\n\n-- \n" and the signature. */
    public static String appendText(String body, String signature) {
        String b = body == null ? "" : body.stripTrailing();
        if (signature == null || signature.isBlank()) {
            return b;
        }
        String block = "-- \n" + withoutDelimiter(signature);
        return b.isEmpty() ? block : b + "\n\n" + block;
    }

    /** The signature, line breaks as "\n", trimmed, without a leading "-- " delimiter line of its own. */
    private static String withoutDelimiter(String signature) {
        String s = signature.replace("\r\n", "\n").replace('\r', '\n').strip();
        int nl = s.indexOf('\n');
        String first = nl < 0 ? s : s.substring(0, nl);
        return first.strip().equals("--") ? (nl < 0 ? "" : s.substring(nl + 1).strip()) : s;
    }

    /**
     * The HTML body with the signature (plain text, HTML-escaped, line breaks as {@code <br>}) in a
     * {@code <div class="mailtask-signature">} before {@code </body>}, or at the end when there is none.
     */
    public static String appendHtml(String html, String signature) {
        String h = html == null ? "" : html;
        if (signature == null || signature.isBlank()) {
            return h;
        }
        String s = withoutDelimiter(signature);
        StringBuilder div = new StringBuilder("<div class=\"mailtask-signature\">-- <br>");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> div.append("&lt;");
                case '>' -> div.append("&gt;");
                case '&' -> div.append("&amp;");
                case '"' -> div.append("&quot;");
                case '\'' -> div.append("&#39;");
                case '\n' -> div.append("<br>");
                default -> div.append(c);
            }
        }
        div.append("</div>");
        int body = h.toLowerCase(java.util.Locale.ROOT).lastIndexOf("</body>");
        return body < 0 ? h + div : h.substring(0, body) + div + h.substring(body);
    }
}
