package dev.mailtask.rules;

import static dev.mailtask.rules.MailBuilder.mail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtask.mail.ContentBudget;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Text from strangers: bounded length, regexes on a budget. */
class GuardsTest {

    private static RuleSet rules(String conditionsAndMore) {
        return RuleFile.parse("guards.yaml", "address: support\nrules:\n  - name: R\n" + conditionsAndMore.indent(4),
                RuleReferences.ANY);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void catastrophicBacktrackingGivesUpAndCountsAsNoMatch() {
        // unguarded, this search takes about 11 s on 1,600 characters and grows with the 4th power of the length
        RuleSet set = rules("conditions:\n  - {field: body, op: regex, value: \"(x+x+)+y\"}\naction: ignore\n");
        long start = System.nanoTime();
        RuleDecision d = set.evaluate(mail().body("x".repeat(3000)).build());
        assertThat(System.nanoTime() - start).as("gave up early").isLessThan(5_000_000_000L);
        assertThat(d.action()).isEqualTo(RuleAction.CREATE_TASK);
        ConditionTrace c = d.trace().rules().get(0).conditions().get(0);
        assertThat(c.result()).isFalse();
        assertThat(c.actual()).isEqualTo("(regex stopped: too much backtracking on this text) " + "x".repeat(80) + "…");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void quadraticSearchOverALongBodyGivesUpToo() {
        RuleSet set = rules("conditions: any mail\nextract:\n  - {name: v, in: body, regex: \"(.*)=\"}\naction: create task\n");
        RuleDecision d = set.evaluate(mail().body("x".repeat(200_000)).build());
        assertThat(d.values()).isEmpty();
    }

    @Test
    void aWellBehavedRegexFindsAMatchDeepInALongBody() {
        RuleSet set = rules("conditions:\n  - {field: body, op: regex, value: \"order-\\\\d+\"}\naction: ignore\n");
        assertThat(set.evaluate(mail().body("x ".repeat(45_000) + "ORDER-17").build()).action())
                .isEqualTo(RuleAction.IGNORE);
    }

    @Test
    void rulesSeeTheFirst100000CharactersOfTheBody() {
        RuleSet set = rules("conditions:\n  - {field: body, op: contains, value: needle}\nextract:\n"
                + "  - {name: v, in: body, after: \"Label:\"}\naction: ignore\n");
        String early = "Label: early\n" + "x".repeat(MailFacts.MAX_TEXT - 30) + "needle";
        String late = "x".repeat(MailFacts.MAX_TEXT) + "needle Label: late";
        assertThat(set.evaluate(mail().body(early).build()).action()).isEqualTo(RuleAction.IGNORE);
        assertThat(set.evaluate(mail().body(early).build()).values()).isEqualTo(Map.of("v", "early"));
        assertThat(set.evaluate(mail().body(late).build()).action()).isEqualTo(RuleAction.CREATE_TASK);
    }

    @Test
    void extractedValuesAreCutTo1000Characters() {
        RuleSet set = rules("conditions: any mail\nextract:\n  - {name: v, after: \"A:\"}\naction: create task\n");
        assertThat(set.evaluate(mail().body("A: " + "y".repeat(5000)).build()).values().get("v")).hasSize(1000);
    }

    @Test
    void traceValuesAreShortAndOnOneLine() {
        RuleSet set = rules("conditions:\n  - {field: body, op: contains, value: zzz}\naction: ignore\n");
        String actual = set.evaluate(mail().body("line one\r\nline two\n" + "w".repeat(300)).build())
                .trace().rules().get(0).conditions().get(0).actual();
        assertThat(actual).isEqualTo("line one line two " + "w".repeat(61) + "…");
    }

    @Test
    void factsAreSharedBetweenRuleSets() {
        MailFacts facts = MailFacts.of(mail().subject("Re: Invoice").build());
        RuleSet a = rules("conditions:\n  - {field: subject, op: contains, value: invoice}\naction: ignore\n");
        RuleSet b = RuleSet.defaultOnly("alice");
        assertThat(a.evaluate(facts).action()).isEqualTo(RuleAction.IGNORE);
        RuleDecision other = b.evaluate(facts);
        assertThat(other.action()).isEqualTo(RuleAction.CREATE_TASK);
        assertThat(other.address()).isEqualTo("alice");
        assertThat(other.trace().rules()).isEmpty();
        assertThat(other.task()).isEqualTo(TaskSettings.NONE);
    }

    /** Each of 20,000 Cc had a budget of its own: minutes of backtracking for one mail. */
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aConditionHasOneBudgetForAllTheValuesItLooksAt() {
        RuleSet set = rules("conditions:\n  - {field: cc, op: regex, value: \"(x+x+)+y\"}\naction: ignore\n");
        MailBuilder mail = mail();
        for (int i = 0; i < 20_000; i++) {
            mail.cc("x".repeat(24) + i + "@client.example");
        }
        RuleDecision d = set.evaluate(mail.build());
        assertThat(d.action()).isEqualTo(RuleAction.CREATE_TASK);
        assertThat(d.trace().rules().get(0).conditions().get(0).actual()).startsWith(Regexes.GAVE_UP_NOTE);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theMailsContentBudgetStopsRuleEvaluationNamingIt() {
        StringBuilder yaml = new StringBuilder("address: support\nrules:\n");
        for (int i = 0; i < 500; i++) {
            yaml.append("  - name: R").append(i).append("\n    conditions:\n      - {field: body, op: regex, value: ")
                    .append("\"(x+x+)+y\"}\n    action: ignore\n");
        }
        RuleSet set = RuleFile.parse("costly.yaml", yaml.toString(), RuleReferences.ANY);
        MailFacts facts = MailFacts.of(mail().body("x".repeat(100_000)).build());
        assertThatThrownBy(() -> ContentBudget.run(Duration.ofMillis(300), () -> set.evaluate(facts)))
                .isInstanceOf(ContentBudget.Exceeded.class)
                .hasMessage("over the content budget of 0.3 s in rule evaluation");
    }
}
