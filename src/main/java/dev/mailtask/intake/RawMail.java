package dev.mailtask.intake;

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

    @Column(nullable = false)
    private byte[] raw;

    protected RawMail() {
    }

    public RawMail(Long messageId, byte[] raw) {
        this.messageId = messageId;
        this.raw = raw;
    }

    public byte[] raw() {
        return raw;
    }
}
