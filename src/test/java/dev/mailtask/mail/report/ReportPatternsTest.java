package dev.mailtask.mail.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bounce-reading patterns that were rewritten to stay linear on what any sender can write, against the
 * expressions they replace, on many generated texts; and the texts that made the old ones take minutes.
 */
class ReportPatternsTest {

    private static final Pattern OLD_CUT = Pattern.compile("(?im)^[ \\t>-]*(?:"
            + "-+\\s*below this line is a copy of the message|.*this is a copy of the message"
            + "|.*original message (follows|headers?)|.*original message was:|-+ ?original message ?-+"
            + "|.*headers? of the original message|.*unsent message (below|follows)|.*message headers? follows?"
            + "|.*copy of (the |your )?(original )?message|content-type: message/rfc822|.*returned message"
            + "|.*original message header|.*the first \\d+ lines of|--- the header of the original"
            + "|.*original message attached|.*following is a copy|--- original message"
            + "|.*ниже (находится|приведена) копия|.*исходное сообщение|.*заголовки исходного).*$");

    private static final Pattern OLD_QUOTED_MESSAGE_ID = Pattern.compile(
            "(?im)^[\\s>]*Message-I[dD][ \\t]*:[ \\t]*\\n?[ \\t]*<?([^\\s<>]+@[^\\s<>]+?)>?[ \\t]*$");

    private static final String[] PIECES = {"-", "--", "---", " ", "\t", ">", "\n", "x", "a@b", "@", "<", ">",
        "below this line is a copy of the message", "original message", "Original Message", "the header of the original",
        "content-type: message/rfc822", "this is a copy of the message", " follows", "Message-ID", "message-id",
        ":", "Message-Id:", "<id@example.org>", "id@example.org", "\n\n"};

    @Test
    void theCopyOfTheOriginalIsFoundWhereTheOldPatternFoundIt() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            String text = text(random);
            Matcher old = OLD_CUT.matcher(text);
            Matcher now = PlainBounce.CUT.matcher(text);
            assertEquals(old.find() ? old.start() : -1, now.find() ? now.start() : -1, text);
        }
    }

    @Test
    void quotedMessageIdsAreFoundAsTheOldPatternFoundThem() {
        Random random = new Random(8);
        for (int i = 0; i < 100_000; i++) {
            String text = text(random);
            Matcher old = OLD_QUOTED_MESSAGE_ID.matcher(text);
            assertEquals(old.find() ? old.group(1) : null, MailReports.quotedMessageId(text), text);
        }
    }

    @Test
    void linesThatTookMinutesTakeLittle() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertEquals(0, PlainBounce.CUT.matcher("-".repeat(64 * 1024)).results().count());
            assertNull(MailReports.quotedMessageId("\n".repeat(1_000_000) + "x"));
            assertNull(MailReports.quotedMessageId("Message-ID: " + "@".repeat(1_000_000) + " x"));
        });
    }

    private static String text(Random random) {
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(12);
        for (int k = 0; k < n; k++) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return b.toString();
    }
}
