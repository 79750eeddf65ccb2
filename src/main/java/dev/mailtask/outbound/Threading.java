package dev.mailtask.outbound;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * In-Reply-To/References for a mail continuing a thread (RFC 5322 §3.6.4): In-Reply-To is the parent's
 * Message-ID, References the parent's References (or its In-Reply-To when it has none) followed by the
 * parent's Message-ID.
 */
public final class Threading {

    /** Most ids kept in References: the first (thread root) and the newest {@code MAX_REFERENCES - 1}. */
    public static final int MAX_REFERENCES = 20;

    private Threading() {
    }

    /**
     * The References of a reply to {@code parentMessageId}. Ids that are not well formed (foreign junk)
     * are left out, duplicates removed, and a long chain shortened to the root and the newest ids, so the
     * result can be passed to {@link OutgoingMail} as is.
     *
     * @param parentMessageId   the Message-ID of the mail answered (ours or the contact's), or null
     * @param parentReferences  that mail's References, oldest first (empty or null when none)
     * @param parentInReplyTo   that mail's In-Reply-To, used when it has no References; may be null
     */
    public static List<String> references(String parentMessageId, List<String> parentReferences,
            String parentInReplyTo) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        List<String> refs = parentReferences == null ? List.of() : parentReferences;
        if (refs.isEmpty() && parentInReplyTo != null) {
            refs = List.of(parentInReplyTo);
        }
        for (String r : refs) {
            add(ids, r);
        }
        if (parentMessageId != null) {
            ids.remove(strip(parentMessageId));
            add(ids, parentMessageId);
        }
        List<String> all = new ArrayList<>(ids);
        if (all.size() <= MAX_REFERENCES) {
            return List.copyOf(all);
        }
        List<String> out = new ArrayList<>();
        out.add(all.get(0));
        out.addAll(all.subList(all.size() - (MAX_REFERENCES - 1), all.size()));
        return List.copyOf(out);
    }

    /**
     * Whether {@link OutgoingMail} accepts this id as In-Reply-To or a reference: visible ASCII, one '@' with
     * text on both sides, no '<', '>' or '"', at most 250 characters (angle brackets around it allowed).
     * A foreign id failing this should be left out rather than fail the mail.
     */
    public static boolean isValidMessageId(String id) {
        return id != null && HeaderText.isValidMessageId(id);
    }

    private static void add(LinkedHashSet<String> ids, String id) {
        if (id != null && HeaderText.isValidMessageId(id)) {
            ids.add(strip(id));
        }
    }

    private static String strip(String id) {
        return id.length() >= 2 && id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
    }
}
