package dev.mailtask.contacts;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** An external person. E-mails are stored lower-cased and matched on the primary and additional ones. */
@Entity
@Table(name = "contact")
public class Contact {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "contact_seq")
    @SequenceGenerator(name = "contact_seq", sequenceName = "contact_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String email;

    @ElementCollection
    @CollectionTable(name = "contact_email", joinColumns = @JoinColumn(name = "contact_id"))
    @Column(name = "email")
    private Set<String> additionalEmails = new LinkedHashSet<>();

    private boolean spammer;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Contact() {
    }

    public Contact(String name, String email, Instant createdAt) {
        this.name = name;
        this.email = email.toLowerCase(Locale.ROOT);
        this.createdAt = createdAt;
    }

    public Long id() {
        return id;
    }

    public void rename(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public String email() {
        return email;
    }

    public Set<String> additionalEmails() {
        return additionalEmails;
    }

    /** Blocks (true) or unblocks the contact: a blocked contact's mail is not accepted. */
    public void markSpammer(boolean spammer) {
        this.spammer = spammer;
    }

    public boolean spammer() {
        return spammer;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
