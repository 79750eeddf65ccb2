package dev.mailtask.outbound;

import dev.mailtask.mail.InboundMail;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Our own, verifiable Message-IDs:
 * <pre>
 *   mt.&lt;task&gt;.&lt;comment&gt;.&lt;recipient&gt;.&lt;mac&gt;@&lt;domain&gt;     a comment mailed to one recipient
 *   mt.&lt;task&gt;.n&lt;notice&gt;.&lt;recipient&gt;.&lt;mac&gt;@&lt;domain&gt;    an automatic notice about a task
 * </pre>
 * Numbers are plain decimal (no sign, no leading zeros); {@code mac} is HMAC-SHA256 with our secret key over
 * {@code mt.<task>.<[n]item>.<recipient>@<domain>}, truncated to 80 bits and written as 16 lower-case
 * base32 characters. The domain is lower-case and part of the MAC, so an id is only valid for the domain it
 * was made for.
 *
 * <p><b>Why the recipient is in it.</b> Each recipient is sent a copy of their own (their own To and their
 * own Reply-To token), and each copy is a different message, so it needs its own Message-ID: a receiving
 * server, and our own intake, treat two mails with one Message-ID as duplicates of one another (Gmail drops
 * the second). A reply's In-Reply-To then names the very copy answered, so we know the task, the comment,
 * and who is replying to what, even when the reply comes from another address (an alias, a forwarding
 * account).
 *
 * <p><b>Why a MAC.</b> A verified id makes the mail a reply in that task (and its sender a participant);
 * without the MAC anyone could write {@code In-Reply-To: <mt.42.1.1.x@our.domain>} and read along in task
 * 42. 80 bits cannot be guessed online; {@link #verify} compares in constant time. Keys can be rotated:
 * ids are made with the current key and verified with it or any previous key.
 *
 * <p>Verification is case-insensitive (the id is lower-cased first; every part is digits, lower-case base32
 * or a case-insensitive domain), so a system that lower-cases headers does not break threading.
 */
public final class MessageIds {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 10;
    private static final String NUMBER = "(0|[1-9][0-9]{0,18})";
    private static final Pattern ID = Pattern.compile(
            "mt\\." + NUMBER + "\\.(n?)" + NUMBER + "\\." + NUMBER + "\\.([a-z2-7]{16})@([a-z0-9.-]{1,253})");

    private final String domain;
    private final List<SecretKeySpec> keys;

    /**
     * @param domain our domain (a host name; lower-cased)
     * @param key    the secret key, at least 16 bytes (32 random bytes recommended)
     */
    public MessageIds(String domain, byte[] key) {
        this(domain, key, List.of());
    }

    /** As {@link #MessageIds(String, byte[])}, also accepting ids made with any of the previous keys. */
    public MessageIds(String domain, byte[] key, List<byte[]> previousKeys) {
        this.domain = HeaderText.address("domain", "x@" + domain).substring(2).toLowerCase(Locale.ROOT);
        List<SecretKeySpec> all = new ArrayList<>();
        all.add(spec(key));
        for (byte[] k : previousKeys) {
            all.add(spec(k));
        }
        this.keys = List.copyOf(all);
    }

    private static SecretKeySpec spec(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("key: at least 16 bytes needed");
        }
        return new SecretKeySpec(key.clone(), ALGORITHM);
    }

    public String domain() {
        return domain;
    }

    /** The id of comment {@code commentId} of task {@code taskNumber} as mailed to {@code recipientId}. */
    public String forComment(long taskNumber, long commentId, long recipientId) {
        return make(taskNumber, "", commentId, recipientId);
    }

    /**
     * The id of an automatic notice about task {@code taskNumber} (task created, status changed, a
     * notification to an employee): {@code noticeId} must be unique per notice (an outbox id will do),
     * since every mail needs a Message-ID of its own.
     */
    public String forNotice(long taskNumber, long noticeId, long recipientId) {
        return make(taskNumber, "n", noticeId, recipientId);
    }

    private String make(long task, String kind, long item, long recipient) {
        if (task < 0 || item < 0 || recipient < 0) {
            throw new IllegalArgumentException("ids are non-negative: " + task + ", " + item + ", " + recipient);
        }
        String body = "mt." + task + "." + kind + item + "." + recipient;
        return body + "." + mac(keys.get(0), body) + "@" + domain;
    }

    private String mac(SecretKeySpec key, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] full = mac.doFinal((body + "@" + domain).getBytes(StandardCharsets.US_ASCII));
            return ReplyTokens.base32(full, MAC_BYTES);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The numbers in one of our ids, or empty for a foreign id, another domain's, a forged or truncated one.
     * Angle brackets and surrounding white space are allowed; null gives empty.
     */
    public Optional<OurMessageId> verify(String messageId) {
        if (messageId == null) {
            return Optional.empty();
        }
        String v = messageId.strip();
        if (v.length() >= 2 && v.startsWith("<") && v.endsWith(">")) {
            v = v.substring(1, v.length() - 1);
        }
        if (v.length() > 330) {
            return Optional.empty();
        }
        Matcher m = ID.matcher(v.toLowerCase(Locale.ROOT));
        if (!m.matches() || !m.group(6).equals(domain)) {
            return Optional.empty();
        }
        long task;
        long item;
        long recipient;
        try {
            task = Long.parseLong(m.group(1));
            item = Long.parseLong(m.group(3));
            recipient = Long.parseLong(m.group(4));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String body = "mt." + m.group(1) + "." + m.group(2) + m.group(3) + "." + m.group(4);
        byte[] given = m.group(5).getBytes(StandardCharsets.US_ASCII);
        boolean ok = false;
        for (SecretKeySpec key : keys) {
            // every key is tried, so the time taken does not say which one matched
            ok |= MessageDigest.isEqual(mac(key, body).getBytes(StandardCharsets.US_ASCII), given);
        }
        if (!ok) {
            return Optional.empty();
        }
        OurMessageId.Kind kind = m.group(2).isEmpty() ? OurMessageId.Kind.COMMENT : OurMessageId.Kind.NOTICE;
        return Optional.of(new OurMessageId(kind, task, item, recipient));
    }

    /**
     * The first of our ids a reply refers to: In-Reply-To first, then References from the newest (last)
     * to the oldest; empty when it refers to none of ours.
     */
    public Optional<OurMessageId> repliedTo(InboundMail mail) {
        Optional<OurMessageId> direct = verify(mail.inReplyTo());
        if (direct.isPresent()) {
            return direct;
        }
        List<String> refs = mail.references();
        for (int i = refs.size() - 1; i >= 0; i--) {
            Optional<OurMessageId> id = verify(refs.get(i));
            if (id.isPresent()) {
                return id;
            }
        }
        return Optional.empty();
    }
}
