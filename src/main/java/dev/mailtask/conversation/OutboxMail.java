package dev.mailtask.conversation;

import static dev.mailtask.store.Columns.clip;

import dev.mailtask.store.StoredBytes;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Embedded;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One mail to one recipient, composed and stored in the transaction that made it (a comment), sent by the
 * outbox route. Its Message-ID and reply token are how the recipient's answer finds its way back.
 */
@Entity
@Table(name = "outbox")
public class OutboxMail {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outbox_seq")
    @SequenceGenerator(name = "outbox_seq", sequenceName = "outbox_seq", allocationSize = 50)
    private Long id;

    /** Null for mail about no task (a notice that a mail was not delivered). */
    @Column(name = "task_id")
    private Long taskId;

    @Column(name = "comment_id")
    private Long commentId;

    @Column(name = "account_id", nullable = false)
    private String accountId;

    @Column(nullable = false)
    private String recipient;

    @Column(name = "contact_id")
    private Long contactId;

    @Column(name = "employee_id")
    private Long employeeId;

    @Column(name = "message_id", nullable = false)
    private String messageId;

    @Column(name = "reply_token")
    private String replyToken;

    @Embedded
    @AttributeOverride(name = "inline", column = @Column(name = "raw"))
    @AttributeOverride(name = "large", column = @Column(name = "raw_large"))
    private StoredBytes raw;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DeliveryStatus status = DeliveryStatus.QUEUED;

    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    protected OutboxMail() {
    }

    public OutboxMail(Long taskId, Long commentId, String accountId, String recipient, Long contactId,
            Long employeeId, String messageId, String replyToken, byte[] raw, Instant now) {
        this.taskId = taskId;
        this.commentId = commentId;
        this.accountId = accountId;
        this.recipient = recipient;
        this.contactId = contactId;
        this.employeeId = employeeId;
        this.messageId = messageId;
        this.replyToken = replyToken;
        this.raw = StoredBytes.of(raw);
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    void sent(Instant now) {
        status = DeliveryStatus.SENT;
        attempts++;
        sentAt = now;
        lastError = null;
    }

    /** A temporary failure: tried again at {@code retryAt}. */
    void retryAt(Instant retryAt, String error) {
        attempts++;
        nextAttemptAt = retryAt;
        lastError = clip(error, 2000);
    }

    void failed(String error) {
        attempts++;
        status = DeliveryStatus.FAILED;
        lastError = clip(error, 2000);
    }

    void bounced(String reason) {
        status = DeliveryStatus.BOUNCED;
        lastError = clip(reason, 2000);
    }

    public Long id() {
        return id;
    }

    public Long taskId() {
        return taskId;
    }

    public Long commentId() {
        return commentId;
    }

    public String accountId() {
        return accountId;
    }

    public String recipient() {
        return recipient;
    }

    public Long contactId() {
        return contactId;
    }

    public Long employeeId() {
        return employeeId;
    }

    public String messageId() {
        return messageId;
    }

    public String replyToken() {
        return replyToken;
    }

    public byte[] raw() {
        return raw.bytes();
    }

    public DeliveryStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String lastError() {
        return lastError;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant sentAt() {
        return sentAt;
    }
}
