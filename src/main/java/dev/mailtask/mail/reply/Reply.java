package dev.mailtask.mail.reply;

/**
 * The new part of a reply mail: what the sender wrote this time, without the message they quoted and
 * without their {@code "-- "} signature. The full original is not repeated here: the caller keeps the raw
 * mail (it is stored anyway) and the parsed bodies.
 *
 * @param text      the reply text, trimmed; "" when the mail holds nothing but a quote (or nothing at all)
 * @param textWithSignature the reply with only the quote cut (the signature left as the sender wrote it),
 *                  trimmed: what quote strippers like talon return, as they leave signatures to a separate step
 * @param quote     the quoted part that was cut (attribution line, header block and quoted message, as text),
 *                  or null when nothing was cut as a quote
 * @param signature the signature that was cut (from the {@code "-- "} delimiter on, delimiter included), or
 *                  null when none was cut
 * @param source    which body the answer was worked out from
 * @param html      when the source is HTML, the HTML document with the quote removed (signature kept; as
 *                  unsafe as the mail's HTML: sanitise before showing); null otherwise
 */
public record Reply(String text, String textWithSignature, String quote, String signature, Source source, String html) {

    /** Which body of the mail the reply was extracted from. */
    public enum Source { TEXT, HTML }

    public Reply {
        text = text == null ? "" : text;
        textWithSignature = textWithSignature == null ? text : textWithSignature;
    }

    /** Whether anything (a quote or a signature) was cut. */
    public boolean cut() {
        return quote != null || signature != null;
    }

    /** Whether a quoted message was cut. */
    public boolean quoteCut() {
        return quote != null;
    }

    /** Whether a signature was cut. */
    public boolean signatureCut() {
        return signature != null;
    }
}
