package dev.mailtask.directory;

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
import java.util.Locale;

/** A receive-only address {@code <name>@<domain>} whose mail is turned into tasks by its rules. */
@Entity
@Table(name = "virtual_address")
public class VirtualAddress {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "virtual_address_seq")
    @SequenceGenerator(name = "virtual_address_seq", sequenceName = "virtual_address_seq", allocationSize = 1)
    private Long id;

    @Column(nullable = false)
    private String name;

    /** Shown as the sender name of automatic replies. */
    private String description;

    /** Project new tasks from this address go to (null: no project). */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "project_id")
    private Project project;

    protected VirtualAddress() {
    }

    public VirtualAddress(String name, String description, Project project) {
        this.name = name.toLowerCase(Locale.ROOT);
        this.description = description;
        this.project = project;
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public void describe(String description) {
        this.description = description;
    }

    public void moveTo(Project project) {
        this.project = project;
    }

    public Project project() {
        return project;
    }
}
