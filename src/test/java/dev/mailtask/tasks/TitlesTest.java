package dev.mailtask.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TitlesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Printer is on fire|Printer is on fire",
        "Re: Printer is on fire|Printer is on fire",
        "RE: Fwd: re:  Printer|Printer",
        "Re[2]: AW: WG: Angebot|Angebot",
        "Fw: Re(3): SV: Tilbud|Tilbud",
        "Ответ: Отв: Счёт на оплату|Счёт на оплату",
        "'   '|(no subject)",
        "Re:|(no subject)",
        "Regarding the invoice|Regarding the invoice",
    })
    void stripsReplyAndForwardPrefixes(String subject, String title) {
        assertThat(Titles.fromSubject(subject)).isEqualTo(title);
    }

    @Test
    void collapsesWhitespaceAndControlCharacters() {
        assertThat(Titles.fromSubject("Tab\tand\r\n  folded\u0000line")).isEqualTo("Tab and folded line");
        assertThat(Titles.fromSubject("x".repeat(5000))).hasSize(Titles.MAX_LENGTH);
    }

    /** Each prefix cut used to copy the rest of the subject: quadratic, minutes for this one. */
    @Test
    void aHundredThousandPrefixesAreStrippedInLinearTime() {
        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThat(Titles.fromSubject("Re: ".repeat(100_000) + "Fwd: x")).isEqualTo("x"));
    }
}
