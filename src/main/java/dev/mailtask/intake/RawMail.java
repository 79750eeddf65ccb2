package dev.mailtask.intake;

import dev.mailtask.store.StoredBytes;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Embedded;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The bytes of a mail exactly as fetched, kept apart from its {@link MessageRecord}. */
@Entity
@Table(name = "message_raw")
public class RawMail {

    @Id
    @Column(name = "message_id")
    private Long messageId;

    @Embedded
    @AttributeOverride(name = "inline", column = @Column(name = "raw"))
    @AttributeOverride(name = "large", column = @Column(name = "raw_large"))
    private StoredBytes raw;

    protected RawMail() {
    }

    public RawMail(Long messageId, byte[] raw) {
        this.messageId = messageId;
        this.raw = StoredBytes.of(raw);
    }

    public byte[] raw() {
        return raw.bytes();
    }
}
