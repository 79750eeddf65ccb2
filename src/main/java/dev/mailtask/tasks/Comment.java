package dev.mailtask.tasks;

import dev.mailtask.contacts.Contact;
import dev.mailtask.directory.Employee;
import dev.mailtask.store.Columns;
import dev.mailtask.store.StoredText;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** A comment on a task, written by an employee or a contact. */
@Entity
@Table(name = "task_comment")
public class Comment {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "comment_seq")
    @SequenceGenerator(name = "comment_seq", sequenceName = "comment_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "task_id")
    private Task task;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "author_employee_id")
    private Employee authorEmployee;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "author_contact_id")
    private Contact authorContact;

    @Embedded
    @AttributeOverride(name = "inline", column = @Column(name = "body"))
    @AttributeOverride(name = "large", column = @Column(name = "body_large"))
    private StoredText body;

    private boolean hidden;

    /** A stranger's mail, kept until an employee lets it in: it tells no one and makes no one a participant. */
    private boolean held;

    /** The From address of a held comment's mail (its author is not taken from it until it is let in). */
    private String sender;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The employees told of this comment; a reply to it tells them again. */
    @ManyToMany
    @JoinTable(name = "comment_notified_employee", joinColumns = @JoinColumn(name = "comment_id"),
            inverseJoinColumns = @JoinColumn(name = "employee_id"))
    private Set<Employee> notifiedEmployees = new LinkedHashSet<>();

    /** The contacts it was mailed to; only they ever get it. */
    @ManyToMany
    @JoinTable(name = "comment_notified_contact", joinColumns = @JoinColumn(name = "comment_id"),
            inverseJoinColumns = @JoinColumn(name = "contact_id"))
    private Set<Contact> notifiedContacts = new LinkedHashSet<>();

    protected Comment() {
    }

    public Comment(Task task, Employee authorEmployee, Contact authorContact, String body, boolean hidden,
            Instant createdAt) {
        this.task = task;
        this.authorEmployee = authorEmployee;
        this.authorContact = authorContact;
        this.body = StoredText.of(body);
        this.hidden = hidden;
        this.createdAt = createdAt;
    }

    public Long id() {
        return id;
    }

    public Task task() {
        return task;
    }

    public Employee authorEmployee() {
        return authorEmployee;
    }

    public Contact authorContact() {
        return authorContact;
    }

    public String body() {
        return StoredText.text(body);
    }

    public boolean hidden() {
        return hidden;
    }

    public Set<Employee> notifiedEmployees() {
        return notifiedEmployees;
    }

    public Set<Contact> notifiedContacts() {
        return notifiedContacts;
    }

    public boolean held() {
        return held;
    }

    public String sender() {
        return sender;
    }

    /** Held for an employee; {@code sender} is the address the mail came from. */
    public void hold(String sender) {
        this.held = true;
        this.sender = sender == null ? null : Columns.clip(sender, 320);
    }

    public void admit() {
        this.held = false;
    }

    public void setAuthorContact(Contact contact) {
        this.authorContact = contact;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
