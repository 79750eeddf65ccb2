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
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An external person. E-mails are stored lower-cased; mail goes to the primary one, and the person is found by
 * any of {@link #addresses}, which include it.
 */
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

    /** Every address of this contact, the primary one too: one table for all people's addresses, unique. */
    @ElementCollection
    @CollectionTable(name = "person_address", joinColumns = @JoinColumn(name = "contact_id"))
    @Column(name = "email")
    private Set<String> addresses = new LinkedHashSet<>();

    private boolean spammer;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Contact() {
    }

    public Contact(String name, String email, Instant createdAt) {
        this.name = name;
        this.email = email.toLowerCase(Locale.ROOT);
        this.addresses.add(this.email);
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

    /** The addresses besides the primary one. */
    public List<String> additionalEmails() {
        return addresses.stream().filter(a -> !a.equals(email)).toList();
    }

    /** Replaces the additional addresses (lower-cased; the caller has checked that no one else holds them). */
    public void setAdditionalEmails(Collection<String> emails) {
        addresses.removeIf(a -> !a.equals(email));
        emails.forEach(e -> addresses.add(e.toLowerCase(Locale.ROOT)));
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
