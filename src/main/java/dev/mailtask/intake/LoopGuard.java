package dev.mailtask.intake;

import dev.mailtask.mail.InboundMail;
import dev.mailtask.store.StoredText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.hibernate.Session;

/**
 * Breaks the loop that headers cannot: an auto-responder that marks nothing (no Auto-Submitted, no
 * Precedence, an ordinary "Re:" subject with In-Reply-To) answering our automatic mail.
 *
 * <p>The loop it stops: a comment notifies employees B and C; B's out-of-office answers the notification and
 * becomes B's comment, which notifies C; C's out-of-office becomes C's comment, which notifies B; and so on.
 * The first answer cannot be told from a person's (a colleague's quick "on it" must reach the others, so it is
 * passed on); the second gives the machine away:
 * <ul>
 * <li>the same sender answers our automatic mail on the same task with the same text as one of their mail
 * comments there within {@link #SAME_ANSWER_WINDOW}: a person does not say the same thing twice, a
 * responder always does. Recorded as ignored, filed with the task; no comment, no mail.</li>
 * <li>a responder whose text changes (a ticket number, a time) is held by the burst limit: {@link #BURST} mail
 * comments by one sender on one task within {@link #BURST_WINDOW} already, and this one answers our automatic
 * mail again. Quarantined, not ignored: it may be a person in a hurry, so a person decides (reprocess).</li>
 * </ul>
 * Replies to a comment's copy (what a person sent to a contact) are not checked: nothing automatic answers
 * them back, so they cannot loop.
 */
final class LoopGuard {

    /** Compiled once: used per element or per comment. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    static final Duration SAME_ANSWER_WINDOW = Duration.ofHours(24);
    static final Duration BURST_WINDOW = Duration.ofMinutes(10);
    static final int BURST = 5;

    /** What to do with a looping mail and why; null from {@link #check} when it is not one. */
    record Loop(boolean quarantine, String reason) {
    }

    private LoopGuard() {
    }

    /** Checks a mail (its comment text worked out already) that answers one of our automatic mails. */
    static Loop check(Session session, InboundMail mail, String commentText, long taskId, Instant now) {
        if (mail.from() == null || mail.from().address().isEmpty()) {
            return null;
        }
        String from = mail.from().normalized();
        List<Object[]> earlier = session.createSelectionQuery("select c.body, m.receivedAt from MessageRecord m,"
                        + " Comment c where c.id = m.commentId and m.fromAddress = :from and m.taskId = :task"
                        + " and m.receivedAt > :since order by m.receivedAt desc", Object[].class)
                .setParameter("from", from)
                .setParameter("task", taskId)
                .setParameter("since", now.minus(SAME_ANSWER_WINDOW))
                .getResultList();
        String text = earlier.isEmpty() ? "" : normalized(commentText);
        for (Object[] row : earlier) {
            if (!text.isEmpty() && text.equals(normalized(StoredText.text((StoredText) row[0])))) {
                return new Loop(false, "ignored: loop: " + from + " answered our automatic mail with the same text"
                        + " as its comment of " + row[1] + " (an auto-responder)");
            }
        }
        Instant burstSince = now.minus(BURST_WINDOW);
        long recent = earlier.stream().filter(row -> ((Instant) row[1]).isAfter(burstSince)).count();
        if (recent >= BURST) {
            return new Loop(true, "quarantined: loop?: " + from + " made " + recent + " comments by mail on this"
                    + " task in the last " + BURST_WINDOW.toMinutes() + " minutes and answers our automatic mail"
                    + " again");
        }
        return null;
    }

    private static String normalized(String text) {
        return text == null ? "" : WHITESPACE.matcher(text.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
}
