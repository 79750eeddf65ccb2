package dev.mailtask.contacts;

import dev.mailtask.directory.Employee;
import dev.mailtask.store.Columns;
import dev.mailtask.mail.MailAddress;
import java.time.Instant;
import java.util.List;
import org.hibernate.Session;

/**
 * Who an e-mail address belongs to: an employee (their notification or additional e-mail) or a contact
 * (primary or additional e-mail), matched case-insensitively. Unknown senders get a contact.
 */
public final class People {

    /** An address resolved to a person: exactly one of the two is set. */
    public record Person(Employee employee, Contact contact) {
    }

    public Employee employeeByEmail(Session session, String email) {
        return byEmail(session, Employee.class, email, "select p from Employee p join p.addresses x where x = :email");
    }

    public Contact contactByEmail(Session session, String email) {
        return byEmail(session, Contact.class, email, "select p from Contact p join p.addresses x where x = :email");
    }

    /** One lookup in the table of all people's addresses, by its unique key (this runs several times per mail). */
    private static <T> T byEmail(Session session, Class<T> type, String email, String query) {
        List<T> found = session.createSelectionQuery(query, type).setParameter("email", email).setMaxResults(1)
                .getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** The employee or contact with this address, or null: nobody is created. */
    public Person find(Session session, MailAddress address) {
        String email = address.normalized();
        Employee employee = employeeByEmail(session, email);
        if (employee != null) {
            return new Person(employee, null);
        }
        Contact contact = contactByEmail(session, email);
        return contact == null ? null : new Person(null, contact);
    }

    /** Longest address kept (RFC 5321 allows 254); anything longer is not a mailbox anyone can answer. */
    public static final int MAX_EMAIL = 320;

    /**
     * The employee or contact with this address; a new contact when there is none. Null for an address no one
     * can be (no {@code @}, too long).
     */
    public Person findOrCreate(Session session, MailAddress address, Instant now) {
        String email = address.normalized();
        if (email.indexOf('@') <= 0 || email.length() > MAX_EMAIL) {
            return null;
        }
        Person known = find(session, address);
        if (known != null) {
            return known;
        }
        Contact contact = new Contact(contactName(address), email, now);
        session.persist(contact);
        return new Person(null, contact);
    }

    /** The display name, else the local part of the address; control characters (NUL, C1) become spaces. */
    static String contactName(MailAddress address) {
        String name = oneLine(address.name());
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).strip();
        }
        if (name.isEmpty()) {
            name = oneLine(address.localPart());
        }
        return Columns.clip(name, 255);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\p{Cc}", " ").strip();
    }
}
