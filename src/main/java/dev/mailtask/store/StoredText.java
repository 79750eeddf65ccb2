package dev.mailtask.store;

import jakarta.persistence.Embeddable;
import org.hibernate.annotations.JdbcType;

/**
 * Text of any size that a sender or an API caller decides (a mail's body, a comment, a header's ids) in two
 * columns, for the reason {@link StoredBytes} gives: up to {@link #INLINE_LIMIT} characters in the row, longer
 * text in a second column that is a CLOB on HSQLDB (TEXT on PostgreSQL), where the bounded row cache does not
 * hold it. Null stays null: an entity keeps a null {@code StoredText} for no text. The entity names the two
 * columns with attribute overrides.
 */
@Embeddable
public class StoredText {

    /** In characters: at most 768 KB in the row even when every character takes three bytes in UTF-8. */
    public static final int INLINE_LIMIT = 256 * 1024;

    private String inline;

    @JdbcType(LargeTextJdbcType.class)
    private String large;

    protected StoredText() {
    }

    /** The text to store, or null for null. */
    public static StoredText of(String text) {
        if (text == null) {
            return null;
        }
        StoredText stored = new StoredText();
        if (text.length() > INLINE_LIMIT) {
            stored.large = text;
        } else {
            stored.inline = text;
        }
        return stored;
    }

    /** The stored text, or null for none. */
    public static String text(StoredText stored) {
        return stored == null ? null : stored.inline != null ? stored.inline : stored.large;
    }
}
