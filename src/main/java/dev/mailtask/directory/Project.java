package dev.mailtask.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A project; mail to {@code project+<number>@<domain>} becomes a task in it. */
@Entity
@Table(name = "project")
public class Project {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "project_seq")
    @SequenceGenerator(name = "project_seq", sequenceName = "project_seq", allocationSize = 1)
    private Long id;

    @Column(nullable = false)
    private int number;

    @Column(nullable = false)
    private String name;

    /** The account replies in this project go out from when the client's own account is unknown. */
    @Column(name = "account_id")
    private String accountId;

    /** What a reply to a closed task of this project does. */
    public enum ClosedTaskReply {
        /** The reply becomes a comment and the task is open again. */
        REOPEN,
        /** The reply starts a new task that follows the closed one. */
        NEW_TASK
    }

    /** Mail into a task from someone who takes no part in it. */
    public enum StrangerMail {
        /** Kept as a held comment until an employee lets it in. */
        HOLD,
        /** Taken as a comment, its sender made a participant (an open help desk). */
        ACCEPT
    }

    /** This project's choice; null: the instance's ({@code mailtask.intake.stranger-mail}). */
    @Enumerated(EnumType.STRING)
    @Column(name = "stranger_mail")
    private StrangerMail strangerMail;

    @Enumerated(EnumType.STRING)
    @Column(name = "closed_task_reply", nullable = false)
    private ClosedTaskReply closedTaskReply = ClosedTaskReply.REOPEN;

    protected Project() {
    }

    public Project(int number, String name) {
        this.number = number;
        this.name = name;
    }

    public Long id() {
        return id;
    }

    public int number() {
        return number;
    }

    public String name() {
        return name;
    }

    public void rename(String name) {
        this.name = name;
    }

    public StrangerMail strangerMail() {
        return strangerMail;
    }

    public void setStrangerMail(StrangerMail strangerMail) {
        this.strangerMail = strangerMail;
    }

    public ClosedTaskReply closedTaskReply() {
        return closedTaskReply;
    }

    public void setClosedTaskReply(ClosedTaskReply closedTaskReply) {
        this.closedTaskReply = closedTaskReply;
    }

    public String accountId() {
        return accountId;
    }

    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }
}
