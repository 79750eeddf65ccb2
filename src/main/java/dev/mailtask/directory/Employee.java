package dev.mailtask.directory;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Table;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A user of the system. Their internal address is {@code <login>@<inbound domain>}. */
@Entity
@Table(name = "employee")
public class Employee {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "employee_seq")
    @SequenceGenerator(name = "employee_seq", sequenceName = "employee_seq", allocationSize = 1)
    private Long id;

    @Column(nullable = false)
    private String login;

    @Column(nullable = false)
    private String name;

    /** Where notifications go; also matched as this employee's own address when they write in. */
    private String email;

    /** Every address this employee writes from, {@link #email} too: one table for all people's addresses, unique. */
    @ElementCollection
    @CollectionTable(name = "person_address", joinColumns = @JoinColumn(name = "employee_id"))
    @Column(name = "email")
    private Set<String> addresses = new LinkedHashSet<>();

    private boolean active = true;

    protected Employee() {
    }

    public Employee(String login, String name, String email) {
        this.login = login.toLowerCase(Locale.ROOT);
        this.name = name;
        changeEmail(email);
    }

    public Long id() {
        return id;
    }

    public String login() {
        return login;
    }

    public void changeLogin(String newLogin) {
        this.login = newLogin.toLowerCase(Locale.ROOT);
    }

    public void rename(String name) {
        this.name = name;
    }

    public void changeEmail(String email) {
        if (this.email != null) {
            addresses.remove(this.email);
        }
        this.email = email == null ? null : email.toLowerCase(Locale.ROOT);
        if (this.email != null) {
            addresses.add(this.email);
        }
    }

    public String name() {
        return name;
    }

    public String email() {
        return email;
    }

    /** The addresses besides the notification one. */
    public List<String> additionalEmails() {
        return addresses.stream().filter(a -> !a.equals(email)).toList();
    }

    /** Replaces the additional addresses (lower-cased; the caller has checked that no one else holds them). */
    public void setAdditionalEmails(Collection<String> emails) {
        addresses.removeIf(a -> !a.equals(email));
        emails.forEach(e -> addresses.add(e.toLowerCase(Locale.ROOT)));
    }

    public boolean active() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }
}
