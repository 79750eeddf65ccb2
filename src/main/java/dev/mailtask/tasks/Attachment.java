package dev.mailtask.tasks;

import static dev.mailtask.store.Columns.clip;

import dev.mailtask.store.Sha256;
import dev.mailtask.store.StoredBytes;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Embedded;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A file of a task (or of one of its comments); {@code position} is its 1-based number within the task. */
@Entity
@Table(name = "attachment")
public class Attachment {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "attachment_seq")
    @SequenceGenerator(name = "attachment_seq", sequenceName = "attachment_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "task_id")
    private Task task;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "comment_id")
    private Comment comment;

    private int position;

    @Column(name = "file_name", nullable = false)
    private String fileName;

    @Column(name = "content_type", nullable = false)
    private String contentType;

    @Column(name = "content_id")
    private String contentId;

    @Column(name = "inline_part")
    private boolean inline;

    @Column(name = "size_bytes")
    private long size;

    @Column(nullable = false)
    private String sha256;

    @Embedded
    @AttributeOverride(name = "inline", column = @Column(name = "content"))
    @AttributeOverride(name = "large", column = @Column(name = "content_large"))
    private StoredBytes content;

    protected Attachment() {
    }

    Attachment(Task task, int position, String fileName, String contentType, String contentId, boolean inline,
            byte[] content) {
        this.task = task;
        this.position = position;
        this.fileName = clip(fileName, 1000);
        this.contentType = clip(contentType, 255);
        this.contentId = clip(contentId, 1000);
        this.inline = inline;
        this.size = content.length;
        this.sha256 = Sha256.hex(content);
        this.content = StoredBytes.of(content);
    }

    /** Files this attachment with the comment it came with. */
    public void belongTo(Comment comment) {
        this.comment = comment;
    }

    public Long id() {
        return id;
    }

    public int position() {
        return position;
    }

    public String fileName() {
        return fileName;
    }

    public String contentType() {
        return contentType;
    }

    public String contentId() {
        return contentId;
    }

    public boolean inline() {
        return inline;
    }

    public long size() {
        return size;
    }

    public String sha256() {
        return sha256;
    }

    public byte[] content() {
        return content.bytes();
    }
}
