package dev.mailtask.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A rule set managed over REST: the same YAML as a file in {@code config/rules/}, kept in the database.
 * Validated exactly like a file before it is stored.
 */
@Entity
@Table(name = "rule_set")
public class RuleSetSource {

    @Id
    private String address;

    @Column(nullable = false)
    private String source;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected RuleSetSource() {
    }

    public RuleSetSource(String address, String source, Instant updatedAt) {
        this.address = address;
        this.source = source;
        this.updatedAt = updatedAt;
    }

    public void update(String source, Instant updatedAt) {
        this.source = source;
        this.updatedAt = updatedAt;
    }

    public String address() {
        return address;
    }

    public String source() {
        return source;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
