package dev.mailtask.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The per-mail deadline: where it holds, what it says, and that nothing is checked outside it. */
class ContentBudgetTest {

    private static final Duration TINY = Duration.ofMillis(1);

    @Test
    void aStageOverTheBudgetStopsNamingItself() {
        String html = "<p>x</p>".repeat(300_000);
        assertThatThrownBy(() -> ContentBudget.run(TINY, () -> HtmlSanitizer.sanitize(html)))
                .isInstanceOf(ContentBudget.Exceeded.class)
                .hasMessage("over the content budget of 0.001 s in html cleaning")
                .extracting(e -> ((ContentBudget.Exceeded) e).stage()).isEqualTo("html cleaning");
        assertThatThrownBy(() -> ContentBudget.run(TINY, () -> HtmlToText.render(html)))
                .hasMessage("over the content budget of 0.001 s in html rendering");
    }

    @Test
    void aBacktrackingRegexOverWatchedTextStopsAtTheDeadline() {
        // unwatched, this search takes minutes (its time grows with the 4th power of the length)
        Pattern backtracking = Pattern.compile("(x+x+)+y");
        long start = System.nanoTime();
        assertThatThrownBy(() -> ContentBudget.run(Duration.ofMillis(200),
                () -> backtracking.matcher(ContentBudget.watch("x".repeat(3000), "rule evaluation")).find()))
                .hasMessage("over the content budget of 0.2 s in rule evaluation");
        assertThat(System.nanoTime() - start).as("stopped near the deadline").isLessThan(30_000_000_000L);
    }

    @Test
    void outsideABudgetNothingIsChecked() throws Exception {
        ContentBudget.run(TINY, () -> "done");
        Thread.sleep(5); // past the deadline of the budget that ended
        ContentBudget.check("anything");
        assertThat(ContentBudget.watch("text", "anything")).isEqualTo("text");
        assertThat(HtmlSanitizer.sanitize("<p>x</p>".repeat(10_000))).startsWith("<p>x</p>");
    }

    @Test
    void anInnerRunKeepsTheOuterDeadline() {
        assertThatThrownBy(() -> ContentBudget.run(TINY, () -> ContentBudget.run(Duration.ofHours(1), () -> {
            Thread.sleep(5);
            ContentBudget.check("inner work");
            return null;
        }))).hasMessage("over the content budget of 0.001 s in inner work");
    }

    @Test
    void budgetsAreSaidInSeconds() {
        assertThat(ContentBudget.seconds(Duration.ofSeconds(5))).isEqualTo("5 s");
        assertThat(ContentBudget.seconds(Duration.ofMillis(2500))).isEqualTo("2.5 s");
        assertThatThrownBy(() -> ContentBudget.run(Duration.ZERO, () -> null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
