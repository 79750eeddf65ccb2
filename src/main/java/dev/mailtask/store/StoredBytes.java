package dev.mailtask.store;

import jakarta.persistence.Embeddable;

/**
 * Bytes of any size (a raw mail, an attachment) in two columns: up to {@link #INLINE_LIMIT} in the row
 * (VARBINARY/BYTEA), larger in a second column that is a BLOB on HSQLDB. HSQLDB keeps a BLOB in its LOB store,
 * but a VARBINARY row must fit the bounded row cache (a 25 MB attachment does not); writing a LOB, on the
 * other hand, costs every commit a second file write, a fifth of intake speed if ordinary mail took that path.
 * The entity names the two columns with attribute overrides.
 */
@Embeddable
public class StoredBytes {

    public static final int INLINE_LIMIT = 512 * 1024;

    private byte[] inline;
    private byte[] large;

    protected StoredBytes() {
    }

    public static StoredBytes of(byte[] bytes) {
        StoredBytes stored = new StoredBytes();
        if (bytes.length > INLINE_LIMIT) {
            stored.large = bytes;
        } else {
            stored.inline = bytes;
        }
        return stored;
    }

    public byte[] bytes() {
        return inline != null ? inline : large;
    }
}
