package dev.mailtask.contacts;

import dev.mailtask.directory.Employee;
import dev.mailtask.mail.MailAddress;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.hibernate.Session;

/**
 * Which addresses a person may be given (over REST): a plain mailbox, never one of our own addresses (mail to
 * it would come back to us) and never one that another employee or contact holds (their mail would go to the
 * wrong person). The database's unique key on all people's addresses backs the last rule against races.
 */
public final class AddressPolicy {

    /** RFC 5321: a path holds at most 256 octets, the address in it at most 254. */
    public static final int MAX_LENGTH = 254;

    /** A dot-atom local part (RFC 5322, letters beyond ASCII as RFC 6531 allows) and a dotted host name. */
    private static final String ATOM = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?";
    private static final Pattern MAILBOX = Pattern.compile(
            "(?=[^@]{1,64}@)" + ATOM + "(?:\\." + ATOM + ")*@" + LABEL + "(?:\\." + LABEL + ")+");

    /** Why an address was refused: the caller's 400 (invalid, ours) or 409 (held by someone else). */
    public static final class Refused extends IllegalArgumentException {
        private final boolean taken;

        Refused(String message, boolean taken) {
            super(message);
            this.taken = taken;
        }

        public boolean taken() {
            return taken;
        }
    }

    private final Predicate<MailAddress> ours;
    private final People people;

    /** @param ours true for an address one of our accounts receives */
    public AddressPolicy(Predicate<MailAddress> ours, People people) {
        this.ours = ours;
        this.people = people;
    }

    /**
     * The addresses, lower-cased and without repeats, that {@code owner} (a {@link Contact} or an
     * {@link Employee}, new or stored) may hold.
     *
     * @throws Refused naming the first address that may not be given
     */
    public Set<String> check(Session session, Collection<String> addresses, Object owner) {
        Set<String> checked = new LinkedHashSet<>();
        for (String raw : addresses) {
            checked.add(check(session, raw, owner));
        }
        return checked;
    }

    public String check(Session session, String raw, Object owner) {
        String address = mailbox(raw);
        if (ours.test(new MailAddress(address, ""))) {
            throw new Refused("'" + address + "' is one of our own addresses; mail to it would come back to us",
                    false);
        }
        People.Person holder = people.find(session, new MailAddress(address, ""));
        if (holder != null && holder.employee() != null && holder.employee() != owner) {
            throw new Refused("'" + address + "' belongs to an employee; an address belongs to one person only",
                    true);
        }
        if (holder != null && holder.contact() != null && holder.contact() != owner) {
            throw new Refused("'" + address + "' belongs to contact " + holder.contact().id()
                    + "; an address belongs to one person only", true);
        }
        return address;
    }

    /** The address lower-cased if it is a plain mailbox (local@host.domain, nothing else). */
    public static String mailbox(String raw) {
        if (raw == null) {
            throw new Refused("an e-mail address is required", false);
        }
        for (int i = 0; i < raw.length(); i++) {
            if (Character.isISOControl(raw.charAt(i))) {
                throw new Refused("'" + printable(raw) + "' contains a control character; an e-mail address is"
                        + " one line", false);
            }
        }
        String address = raw.strip().toLowerCase(Locale.ROOT);
        if (address.length() > MAX_LENGTH) {
            throw new Refused("'" + printable(raw.substring(0, 40)) + "…' is longer than " + MAX_LENGTH
                    + " characters, more than an e-mail address can be", false);
        }
        if (!MAILBOX.matcher(address).matches()) {
            throw new Refused("'" + printable(raw) + "' is not an e-mail address (name@example.com, without a"
                    + " display name)", false);
        }
        return address;
    }

    /** The text with control characters as \\uXXXX, fit to quote in a message. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : (char) c));
        return out.toString();
    }
}
