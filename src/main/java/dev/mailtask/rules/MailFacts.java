package dev.mailtask.rules;

import dev.mailtask.mail.InboundMail;
import dev.mailtask.mail.MailAddress;
import dev.mailtask.mail.MailAttachment;
import dev.mailtask.mail.MailHeader;
import dev.mailtask.tasks.Titles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What rules look at in one mail, computed once and shared by every rule (and by the rule sets of every
 * address the mail is for): addresses, names, subject, the body, headers and attachment names, each as
 * written and lower-cased. Texts longer than {@link #MAX_TEXT} characters are cut there, which bounds the
 * work of every condition and extraction (and so the cost of an unlucky regular expression).
 *
 * <p>Immutable apart from values computed lazily (the lower-cased body, trace excerpts); safe to share between threads.
 */
public final class MailFacts {

    /** Rules see the first 100,000 characters of the body and of every header value. */
    public static final int MAX_TEXT = 100_000;

    private static final String[] NONE = new String[0];

    private final String[] from;
    private final String[] fromLower;
    private final String[] fromName;
    private final String[] fromNameLower;
    private final String[] to;
    private final String[] toLower;
    private final String[] cc;
    private final String[] ccLower;
    private final String[] recipients;
    private final String[] recipientsLower;
    private final String[] subject;
    private final String[] subjectLower;
    private final String[] body;
    private volatile String[] bodyLower;
    private final String[] attachments;
    private final String[] attachmentsLower;
    private final Map<String, String[]> headers;
    private final Map<String, String[]> headersLower;
    private final Map<String, String> builtins;
    /** What a trace shows of a field when a condition finds nothing in it, computed once per field. */
    private final String[] shown = new String[ConditionField.values().length];
    private final Map<String, String> shownHeaders = new java.util.concurrent.ConcurrentHashMap<>();

    private MailFacts(InboundMail mail) {
        MailAddress sender = mail.from();
        from = sender == null ? NONE : new String[] {sender.address()};
        fromLower = lower(from);
        fromName = sender == null ? NONE : new String[] {sender.name()};
        fromNameLower = lower(fromName);
        to = addresses(mail.to());
        toLower = lower(to);
        cc = addresses(mail.cc());
        ccLower = lower(cc);
        Set<String> all = new LinkedHashSet<>();
        for (List<MailAddress> list : List.of(mail.to(), mail.cc(), mail.deliveredTo())) {
            for (MailAddress a : list) {
                all.add(a.address());
            }
        }
        recipients = all.toArray(NONE);
        recipientsLower = lower(recipients);
        subject = new String[] {cut(mail.subject())};
        subjectLower = lower(subject);
        body = new String[] {cut(mail.textBody())};
        List<String> names = new ArrayList<>();
        for (MailAttachment a : mail.attachments()) {
            if (!a.inline()) {
                names.add(a.fileName());
            }
        }
        attachments = names.toArray(NONE);
        attachmentsLower = lower(attachments);
        Map<String, List<String>> byName = new HashMap<>();
        for (MailHeader h : mail.headers()) {
            byName.computeIfAbsent(Words.lower(h.name()), k -> new ArrayList<>(1))
                    .add(cut(h.value() == null ? "" : h.value().strip()));
        }
        headers = new HashMap<>();
        headersLower = new HashMap<>();
        byName.forEach((name, values) -> {
            String[] raw = values.toArray(NONE);
            headers.put(name, raw);
            headersLower.put(name, lower(raw));
        });
        builtins = Map.of(
                "subject", Titles.fromSubject(mail.subject()),
                "from", sender == null ? "" : sender.address(),
                "fromName", sender == null ? "" : sender.name().isEmpty() ? sender.localPart() : sender.name());
    }

    public static MailFacts of(InboundMail mail) {
        return new MailFacts(mail);
    }

    /** The values a condition on {@code field} looks at; for HEADER, every occurrence of {@code header}. */
    String[] values(ConditionField field, String header, boolean lower) {
        return switch (field) {
            case FROM -> lower ? fromLower : from;
            case FROM_NAME -> lower ? fromNameLower : fromName;
            case TO -> lower ? toLower : to;
            case CC -> lower ? ccLower : cc;
            case ANY_RECIPIENT -> lower ? recipientsLower : recipients;
            case SUBJECT -> lower ? subjectLower : subject;
            case BODY -> lower ? bodyLower() : body;
            case HEADER -> (lower ? headersLower : headers).getOrDefault(header, NONE);
            case ATTACHMENT_NAME -> lower ? attachmentsLower : attachments;
            case HAS_ATTACHMENT, ANY_MAIL -> NONE;
        };
    }

    /** The values of a field shortened for a trace (racy caching is harmless: strings are immutable). */
    String shown(ConditionField field, String header) {
        if (field == ConditionField.HEADER) {
            return shownHeaders.computeIfAbsent(header, h -> Condition.summary(values(field, h, false)));
        }
        String s = shown[field.ordinal()];
        if (s == null) {
            s = Condition.summary(values(field, header, false));
            shown[field.ordinal()] = s;
        }
        return s;
    }

    /** The subject as written (cut to {@link #MAX_TEXT}). */
    String subject() {
        return subject[0];
    }

    /** The text body (for HTML-only mail its text rendering), cut to {@link #MAX_TEXT}. */
    String body() {
        return body[0];
    }

    boolean hasAttachment() {
        return attachments.length > 0;
    }

    String[] attachmentNames() {
        return attachments;
    }

    /**
     * Values every template may use: {@code subject} (the subject as a task title: "Re:"/"Fwd:" stripped),
     * {@code from} (the sender's address) and {@code fromName} (the sender's name, else the address's local part).
     */
    Map<String, String> builtins() {
        return builtins;
    }

    private String[] bodyLower() {
        String[] lowered = bodyLower;
        if (lowered == null) {
            lowered = lower(body);
            bodyLower = lowered;
        }
        return lowered;
    }

    private static String[] addresses(List<MailAddress> list) {
        String[] result = new String[list.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = list.get(i).address();
        }
        return result;
    }

    private static String[] lower(String[] values) {
        if (values.length == 0) {
            return NONE;
        }
        String[] result = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = Words.lower(values[i]);
        }
        return result;
    }

    private static String cut(String text) {
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT;
        return text.substring(0, end);
    }
}
