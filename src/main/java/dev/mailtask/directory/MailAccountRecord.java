package dev.mailtask.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import org.hibernate.Session;

/**
 * The database copy of a configured mail account, so tasks and messages can refer to it. Written from
 * the accounts file at start; holds no secret.
 */
@Entity
@Table(name = "mail_account")
public class MailAccountRecord {

    @Id
    private String id;

    @Column(nullable = false)
    private String protocol;

    @Column(nullable = false)
    private String host;

    private int port;

    @Column(nullable = false)
    private String username;

    private String folder;

    @Column(nullable = false)
    private String address;

    /** Comma-separated. */
    @Column(nullable = false)
    private String domains;

    /** Comma-separated. */
    @Column(nullable = false)
    private String addresses;

    protected MailAccountRecord() {
    }

    public MailAccountRecord(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public void update(MailAccount account) {
        this.protocol = account.protocol();
        this.host = account.host();
        this.port = account.port();
        this.username = account.username();
        this.folder = account.folder();
        this.address = account.address();
        this.domains = String.join(",", account.domains());
        this.addresses = String.join(",", account.addresses());
    }

    /** Copies the configured accounts into the database (no secrets), so records can refer to them. */
    public static void sync(Session session, List<MailAccount> accounts) {
        for (MailAccount account : accounts) {
            MailAccountRecord record = session.find(MailAccountRecord.class, account.id());
            if (record == null) {
                record = new MailAccountRecord(account.id());
                record.update(account);
                session.persist(record);
            } else {
                record.update(account);
            }
        }
    }
}
