package dev.mailtask.intake;

import static dev.mailtask.store.Columns.clip;

import dev.mailtask.store.StoredText;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Every mail that came in (and, later, went out): the identifiers threading needs, and what was done with
 * it and why; its bytes are a {@link RawMail}. {@code (accountId, direction, messageKey)} is unique: the database itself
 * refuses a second record, and so a second task, for the same mail.
 */
@Entity
@Table(name = "message")
public class MessageRecord {

    public static final String INBOUND = "IN";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "message_seq")
    @SequenceGenerator(name = "message_seq", sequenceName = "message_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false)
    private String direction;

    @Column(name = "account_id", nullable = false)
    private String accountId;

    /** Message-ID, or {@code sha256:<hex>} of the raw bytes when the mail has none. */
    @Column(name = "message_key", nullable = false)
    private String messageKey;

    @Column(name = "message_id")
    private String messageId;

    @Column(name = "in_reply_to")
    private String inReplyTo;

    /** Space-separated; the sender decides how many. */
    @Embedded
    @AttributeOverride(name = "inline", column = @Column(name = "references_ids"))
    @AttributeOverride(name = "large", column = @Column(name = "references_large"))
    private StoredText references;

    @Column(name = "from_address")
    private String fromAddress;

    private String subject;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private MessageStatus status;

    /** One line: what was done and why. */
    private String decision;

    private String error;

    @Column(name = "raw_size")
    private long rawSize;

    @Column(name = "task_id")
    private Long taskId;

    @Column(name = "comment_id")
    private Long commentId;

    /** The rules' trace as JSON: which rules matched, each condition's result, why this action. */
    private String trace;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    protected MessageRecord() {
    }

    public MessageRecord(String direction, String accountId, String messageKey, long rawSize, Instant receivedAt) {
        this.direction = direction;
        this.accountId = accountId;
        this.messageKey = messageKey;
        this.rawSize = rawSize;
        this.receivedAt = receivedAt;
    }

    public void describe(String messageId, String inReplyTo, String references, String fromAddress, String subject) {
        this.messageId = clip(messageId, 1000);
        this.inReplyTo = clip(inReplyTo, 1000);
        this.references = StoredText.of(references);
        this.fromAddress = clip(fromAddress, 320);
        this.subject = clip(subject, 1000);
    }

    public void settle(MessageStatus status, String decision, String error, Long taskId) {
        this.status = status;
        this.decision = clip(decision, 2000);
        this.error = error;
        this.taskId = taskId;
    }

    public Long id() {
        return id;
    }

    public String direction() {
        return direction;
    }

    public String accountId() {
        return accountId;
    }

    public String messageKey() {
        return messageKey;
    }

    public String messageId() {
        return messageId;
    }

    public String inReplyTo() {
        return inReplyTo;
    }

    public String references() {
        return StoredText.text(references);
    }

    public String fromAddress() {
        return fromAddress;
    }

    public String subject() {
        return subject;
    }

    public MessageStatus status() {
        return status;
    }

    public String decision() {
        return decision;
    }

    public String error() {
        return error;
    }

    public long rawSize() {
        return rawSize;
    }

    public Long taskId() {
        return taskId;
    }

    public void setCommentId(Long commentId) {
        this.commentId = commentId;
    }

    public void setTrace(String trace) {
        this.trace = trace;
    }

    public String trace() {
        return trace;
    }

    public Long commentId() {
        return commentId;
    }

    public Instant receivedAt() {
        return receivedAt;
    }
}
