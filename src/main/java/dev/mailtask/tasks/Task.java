package dev.mailtask.tasks;

import dev.mailtask.contacts.Contact;
import dev.mailtask.directory.Employee;
import dev.mailtask.directory.Project;
import dev.mailtask.store.StoredText;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

@Entity
@Table(name = "task")
public class Task {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "task_seq")
    @SequenceGenerator(name = "task_seq", sequenceName = "task_seq", allocationSize = 1)
    private Long id;

    /** The number people quote ({@code [#42]}); taken from the id sequence, so it never repeats. */
    @Column(nullable = false)
    private long number;

    @Column(nullable = false)
    private String title;

    @Embedded
    @AttributeOverride(name = "inline", column = @Column(name = "description"))
    @AttributeOverride(name = "large", column = @Column(name = "description_large"))
    private StoredText description;

    @Embedded
    @AttributeOverride(name = "inline", column = @Column(name = "description_html"))
    @AttributeOverride(name = "large", column = @Column(name = "description_html_large"))
    private StoredText descriptionHtml;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TaskStatus status = TaskStatus.OPEN;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "project_id")
    private Project project;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "assigner_employee_id")
    private Employee assignerEmployee;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "assigner_contact_id")
    private Contact assignerContact;

    @ManyToMany
    @JoinTable(name = "task_assignee", joinColumns = @JoinColumn(name = "task_id"),
            inverseJoinColumns = @JoinColumn(name = "employee_id"))
    private Set<Employee> assignees = new LinkedHashSet<>();

    @ManyToMany
    @JoinTable(name = "task_participant_employee", joinColumns = @JoinColumn(name = "task_id"),
            inverseJoinColumns = @JoinColumn(name = "employee_id"))
    private Set<Employee> participantEmployees = new LinkedHashSet<>();

    @ManyToMany
    @JoinTable(name = "task_participant_contact", joinColumns = @JoinColumn(name = "task_id"),
            inverseJoinColumns = @JoinColumn(name = "contact_id"))
    private Set<Contact> participantContacts = new LinkedHashSet<>();

    @ManyToMany
    @JoinTable(name = "task_auditor", joinColumns = @JoinColumn(name = "task_id"),
            inverseJoinColumns = @JoinColumn(name = "employee_id"))
    private Set<Employee> auditors = new LinkedHashSet<>();

    /** Fields rules set ({@code set: fields:}), by name. */
    @ElementCollection
    @CollectionTable(name = "task_field", joinColumns = @JoinColumn(name = "task_id"))
    @MapKeyColumn(name = "name")
    @Column(name = "field_value")
    private Map<String, String> fields = new LinkedHashMap<>();

    @OneToMany(mappedBy = "task", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<Attachment> attachments = new ArrayList<>();

    @OneToMany(mappedBy = "task", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("createdAt, id")
    private List<Comment> comments = new ArrayList<>();

    /** The closed task this one continues (a reply to it started this task). */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "follows_task_id")
    private Task follows;

    /** The account the mail that created the task came in on (replies go out from it). */
    @Column(name = "account_id")
    private String accountId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Task() {
    }

    public Task(String title, String description, String descriptionHtml, Project project, String accountId,
            Instant createdAt) {
        this.title = title;
        this.description = StoredText.of(description);
        this.descriptionHtml = StoredText.of(descriptionHtml);
        this.project = project;
        this.accountId = accountId;
        this.createdAt = createdAt;
    }

    /** Persists the task; its number is taken from the id, assigned by the sequence at persist. */
    public void persist(Session session) {
        session.persist(this);
        this.number = id;
    }

    public void setProject(Project project) {
        this.project = project;
    }

    public Attachment addAttachment(String fileName, String contentType, String contentId, boolean inline,
            byte[] content) {
        Attachment attachment = new Attachment(this, attachments.size() + 1, fileName, contentType, contentId, inline,
                content);
        attachments.add(attachment);
        return attachment;
    }

    public void setAssigner(Employee employee, Contact contact) {
        this.assignerEmployee = employee;
        this.assignerContact = contact;
    }

    public Long id() {
        return id;
    }

    public long number() {
        return number;
    }

    public String title() {
        return title;
    }

    public String description() {
        return StoredText.text(description);
    }

    public String descriptionHtml() {
        return StoredText.text(descriptionHtml);
    }

    public TaskStatus status() {
        return status;
    }

    public Project project() {
        return project;
    }

    public Employee assignerEmployee() {
        return assignerEmployee;
    }

    public Contact assignerContact() {
        return assignerContact;
    }

    public Set<Employee> assignees() {
        return assignees;
    }

    public Set<Employee> participantEmployees() {
        return participantEmployees;
    }

    public Set<Contact> participantContacts() {
        return participantContacts;
    }

    public Task follows() {
        return follows;
    }

    public void setFollows(Task follows) {
        this.follows = follows;
    }

    public Set<Employee> auditors() {
        return auditors;
    }

    public Map<String, String> fields() {
        return fields;
    }

    public void setStatus(TaskStatus status) {
        this.status = status;
    }

    public List<Attachment> attachments() {
        return attachments;
    }

    public List<Comment> comments() {
        return comments;
    }

    public String accountId() {
        return accountId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
