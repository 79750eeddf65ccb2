package dev.mailtask.outbound;

import dev.mailtask.mail.MailAddress;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reply tokens: the Reply-To plus-address {@code <mailbox>+r<token>@<domain>} of an outgoing mail.
 *
 * <p>A token is 16 random bytes from a {@link SecureRandom} (128 bits: unguessable, and never repeats in
 * practice), written as 26 lower-case base32 characters without padding. It is opaque: it says nothing by
 * itself; the caller stores token → task, comment and notified set in the database with the outbox entry.
 *
 * <p><b>A mailbox that already has a +detail</b> ({@code project+3@}, {@code task+42@}): the detail is
 * <em>replaced</em> by the token ({@code project+r<token>@}). Servers deliver {@code a+anything@} to
 * mailbox {@code a} (the detail starts at the first '+'), so delivery is unchanged, the token alone says
 * everything the old detail said, and an address with two details ({@code project+3+r...}) would not be
 * delivered by servers that split at the last '+'.
 *
 * <p>{@link #tokenOf} reads the token back case-insensitively (some servers lower- or upper-case addresses)
 * from the detail after the last '+'. It does not check the domain: the caller must check the address is
 * one of ours before looking the token up.
 */
public final class ReplyTokens {

    /** Length of a token in characters (16 bytes in base32). */
    public static final int LENGTH = 26;

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final Pattern TOKEN = Pattern.compile("[a-z2-7]{" + LENGTH + "}");

    private final SecureRandom random;

    public ReplyTokens() {
        this(new SecureRandom());
    }

    public ReplyTokens(SecureRandom random) {
        this.random = random;
    }

    /** A new token: 26 characters of {@code [a-z2-7]}. */
    public String newToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return base32(bytes, bytes.length);
    }

    /**
     * The reply address for a token: {@code support@d} → {@code support+r<token>@d}; a +detail of the
     * mailbox is replaced ({@code project+3@d} → {@code project+r<token>@d}).
     *
     * @throws IllegalArgumentException when the mailbox is not a valid address, the token is not one of
     *                                  ours, or the result would exceed the 64-character local part limit
     *                                  (a mailbox name longer than 36 characters)
     */
    public static String replyAddress(String mailboxAddress, String token) {
        String mailbox = HeaderText.address("mailboxAddress", mailboxAddress);
        HeaderText.requireVisibleAscii("token", token);
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("token: not a reply token: \"" + HeaderText.shown(token) + "\"");
        }
        int at = mailbox.lastIndexOf('@');
        String local = mailbox.substring(0, at);
        int plus = local.indexOf('+');
        if (plus >= 0) {
            local = local.substring(0, plus);
        }
        if (local.isEmpty()) {
            throw new IllegalArgumentException("mailboxAddress: no mailbox before the '+': \"" + mailbox + "\"");
        }
        String result = local + "+r" + token + mailbox.substring(at);
        if (result.indexOf('@') > 64) {
            throw new IllegalArgumentException("mailboxAddress: \"" + mailbox
                    + "\" is too long for a reply address (local part over 64 characters)");
        }
        return result;
    }

    /** The token of a reply address, lower-cased; empty when the address carries none. */
    public static Optional<String> tokenOf(MailAddress address) {
        return address == null ? Optional.empty() : tokenOf(address.address());
    }

    /** As {@link #tokenOf(MailAddress)}, for an address string. */
    public static Optional<String> tokenOf(String address) {
        if (address == null) {
            return Optional.empty();
        }
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        String local = address.substring(0, at).toLowerCase(Locale.ROOT);
        int plus = local.lastIndexOf('+');
        if (plus <= 0 || local.length() - plus != LENGTH + 2 || local.charAt(plus + 1) != 'r') {
            return Optional.empty();
        }
        String token = local.substring(plus + 2);
        return TOKEN.matcher(token).matches() ? Optional.of(token) : Optional.empty();
    }

    /** Lower-case RFC 4648 base32 of the first {@code length} bytes, no padding. */
    static String base32(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder((length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < length; i++) {
            buffer = (buffer << 8) | (bytes[i] & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
