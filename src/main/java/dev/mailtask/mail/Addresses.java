package dev.mailtask.mail;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Lenient address-list parsing: {@link InternetAddress#parseHeader(String, boolean)} in non-strict mode,
 * groups flattened, display names decoded by {@link EncodedWords}; when Jakarta Mail gives up, or hands
 * back something that is not an address, the addr-spec tokens are picked out with a regular expression.
 */
final class Addresses {

    /**
     * An addr-spec. The look-behind makes a match start only at the beginning of a local part and the
     * possessive local part never backtracks, so {@code find()} stays linear on long junk. A domain has at
     * most 127 labels (253 characters): the bound keeps the repeated label group, which the regex engine
     * recurses into once per label, from overflowing the stack on "a.a.a.…" (3,000 labels did).
     */
    private static final Pattern ADDR_SPEC = Pattern.compile(
            "(?<![\\p{L}\\p{N}.!#$%&'*+/=?^_`{|}~-])[\\p{L}\\p{N}.!#$%&'*+/=?^_`{|}~-]++"
                    + "@[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?"
                    + "(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?){0,126}");

    /** Longer address header values skip Jakarta Mail's parser (quadratic on some junk) for the regex. */
    private static final int MAX_PARSED_LENGTH = 100_000;

    /** Characters that never appear in an address that Jakarta Mail separated cleanly. */
    private static final Pattern JUNK = Pattern.compile("[\\s<>(),;:\"\\\\\\[\\]]");

    /** {@code "john doe"@example.com}: odd but valid. */
    private static final Pattern QUOTED_LOCAL = Pattern.compile("\"[^\"\\r\\n]*\"@[^\\s<>(),;:\"]+");

    /** {@code user@[192.0.2.1]}. */
    private static final Pattern DOMAIN_LITERAL = Pattern.compile("[^\\s<>(),;:\"@\\[\\]]+@\\[[^\\]\\s]+]");

    /**
     * Could Jakarta Mail's answer be used as is? Addresses without '@' ("MAILER-DAEMON") are kept as
     * written; with an '@' they must look like an addr-spec.
     */
    private static boolean plausible(String address) {
        if (address.indexOf('@') < 0) {
            return !JUNK.matcher(address).find();
        }
        return ADDR_SPEC.matcher(address).matches() || QUOTED_LOCAL.matcher(address).matches()
                || DOMAIN_LITERAL.matcher(address).matches();
    }

    private Addresses() {
    }

    /**
     * The mailboxes of one address header value.
     *
     * @param value the value with raw 8-bit bytes already recovered (see
     *              {@link CharsetDetection#recover8bit}) but encoded words not yet decoded
     * @param hint  charset for encoded words with an unknown charset
     */
    static List<MailAddress> parse(String value, Charset hint) {
        List<MailAddress> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        String s = MailText.unfold(value).trim();
        if (s.isEmpty()) {
            return out;
        }
        if (s.length() > MAX_PARSED_LENGTH) {
            addByRegex(s, out);
            return out;
        }
        InternetAddress[] parsed;
        try {
            parsed = InternetAddress.parseHeader(s, false);
        } catch (AddressException | RuntimeException e) {
            addByRegex(s, out);
            return out;
        }
        for (InternetAddress ia : parsed) {
            if (ia.isGroup()) {
                InternetAddress[] members;
                try {
                    members = ia.getGroup(false);
                } catch (AddressException | RuntimeException e) {
                    addByRegex(groupBody(ia.getAddress()), out);
                    continue;
                }
                if (members != null) {
                    for (InternetAddress m : members) {
                        addOne(m, hint, out);
                    }
                }
            } else {
                addOne(ia, hint, out);
            }
        }
        return out;
    }

    /**
     * Longer values are no "Name &lt;&gt;": the quoted-string group below repeats per character, which the regex
     * engine does by recursion, and the lazy name is quadratic on runs of blanks.
     */
    private static final int MAX_NAME_ONLY = 1000;

    /** {@code Name <>} or {@code "Name" <>}: a display name with an empty address. */
    private static final Pattern NAME_ONLY = Pattern.compile(
            "\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^<>\",;:@]*?)\\s*<\\s*>\\s*");

    /**
     * A From such as {@code MAILER-DAEMON <>} (a display name with the empty address of a bounce) as
     * {@code MailAddress("", name)}; empty when the value is not of that form or has no name.
     */
    static List<MailAddress> nameOnly(String value, Charset hint) {
        if (value == null || value.length() > MAX_NAME_ONLY) {
            return List.of();
        }
        Matcher m = NAME_ONLY.matcher(MailText.unfold(value));
        if (!m.matches()) {
            return List.of();
        }
        String name = m.group(1).trim();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = unquote(name.substring(1, name.length() - 1));
        }
        name = MailText.clean(EncodedWords.decode(name, hint));
        return name.isEmpty() ? List.of() : List.of(new MailAddress("", name));
    }

    private static String groupBody(String group) {
        if (group == null) {
            return "";
        }
        int colon = group.indexOf(':');
        return colon < 0 ? group : group.substring(colon + 1);
    }

    private static void addOne(InternetAddress ia, Charset hint, List<MailAddress> out) {
        String address = ia.getAddress();
        if (address == null || address.isBlank()) {
            return;
        }
        address = address.trim();
        String name = displayName(ia, address, hint);
        if (!plausible(address)) {
            // Jakarta Mail could not separate this one: keep whatever looks like an address inside
            Matcher m = ADDR_SPEC.matcher(address);
            boolean any = false;
            while (m.find()) {
                out.add(new MailAddress(m.group(), any ? "" : name));
                any = true;
            }
            return;
        }
        out.add(new MailAddress(address, name));
    }

    /**
     * The display name, decoded by us rather than by Jakarta Mail: {@code toString()} gives the personal
     * exactly as written (quoted again when needed) followed by {@code " <address>"}; we take it from there,
     * unquote it and decode its encoded words.
     */
    private static String displayName(InternetAddress ia, String address, Charset hint) {
        String str;
        try {
            str = ia.toString();
        } catch (RuntimeException e) {
            return safePersonal(ia);
        }
        String suffix = " <" + ia.getAddress() + ">";
        if (str == null || !str.endsWith(suffix)) {
            return safePersonal(ia);
        }
        String personal = str.substring(0, str.length() - suffix.length()).trim();
        if (personal.length() >= 2 && personal.charAt(0) == '"' && personal.charAt(personal.length() - 1) == '"') {
            personal = unquote(personal.substring(1, personal.length() - 1));
        }
        String name = MailText.clean(EncodedWords.decode(personal, hint));
        // Outlook's "'Name'" and quotes left inside encoded words
        for (int k = 0; k < 2 && name.length() >= 2; k++) {
            char a = name.charAt(0);
            char b = name.charAt(name.length() - 1);
            if (a == '\'' && b == '\'' || a == '"' && b == '"') {
                name = name.substring(1, name.length() - 1).trim();
            }
        }
        // a lone quote left over from an unterminated quoted string
        if (name.indexOf('"') == name.lastIndexOf('"')) {
            if (name.startsWith("\"")) {
                name = name.substring(1).trim();
            } else if (name.endsWith("\"")) {
                name = name.substring(0, name.length() - 1).trim();
            }
        }
        return name;
    }

    private static String safePersonal(InternetAddress ia) {
        try {
            String p = ia.getPersonal();
            return p == null ? "" : MailText.clean(p);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String unquote(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                sb.append(s.charAt(++i));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void addByRegex(String s, List<MailAddress> out) {
        Matcher m = ADDR_SPEC.matcher(s);
        while (m.find()) {
            out.add(new MailAddress(m.group(), ""));
        }
    }
}
