package dev.mailtask.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SubjectTagsTest {

    @Test
    void tagGoesFirst() {
        assertThat(SubjectTags.tagged("Printer on fire", 42)).isEqualTo("[#42] Printer on fire");
        assertThat(SubjectTags.tagged("", 42)).isEqualTo("[#42]");
        assertThat(SubjectTags.tagged(null, 7)).isEqualTo("[#7]");
    }

    @Test
    void neverDoubleTagged() {
        assertThat(SubjectTags.tagged("[#42] Printer on fire", 42)).isEqualTo("[#42] Printer on fire");
        assertThat(SubjectTags.tagged(SubjectTags.tagged("Printer", 42), 42)).isEqualTo("[#42] Printer");
        assertThat(SubjectTags.tagged("Printer [#42]", 42)).isEqualTo("[#42] Printer");
        // another task's tag from a client's subject would thread replies elsewhere: removed
        assertThat(SubjectTags.tagged("Re: [#17] old printer", 42)).isEqualTo("[#42] Re: old printer");
    }

    @Test
    void titleIsCleanedAndCut() {
        assertThat(SubjectTags.tagged("  Printer\r\n\ton   fire ", 42)).isEqualTo("[#42] Printer on fire");
        String tagged = SubjectTags.tagged("Ж".repeat(300), 42);
        assertThat(tagged).isEqualTo("[#42] " + "Ж".repeat(199) + "…");
        assertThat(SubjectTags.tagged("😀".repeat(300), 1).codePointCount(0, SubjectTags.tagged("😀".repeat(300), 1)
                .length())).isEqualTo("[#1] ".length() + 200);
    }

    @Test
    void taskNumberMustBePositive() {
        assertThatThrownBy(() -> SubjectTags.tagged("x", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[#42] Printer|42",
        "Re: [#42] Printer|42",
        "RE: AW: Fwd: [#42] Printer|42",
        "Ответ: [#42] Принтер|42",
        "Printer [#42]|42",
        "Printer[#42]on fire|42",
        "Re: [#42] Fwd: [#17] old|42",
        "[#0] x [#5]|5",
        "[#000042] x|42"})
    void taskNumberFound(String subject, long number) {
        assertThat(SubjectTags.taskNumberIn(subject)).isEqualTo(OptionalLong.of(number));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Printer", "#42 Printer", "[Support #42] Printer", "[JIRA-42] Printer", "[# 42] x",
        "[#42 ] x", "[#-1] x", "[#4a] x", "[#1234567890123456789] x", "[#0]", ""})
    void otherFormatsAreNotTags(String subject) {
        assertThat(SubjectTags.taskNumberIn(subject)).isEmpty();
    }

    @Test
    void nullHasNoTag() {
        assertThat(SubjectTags.taskNumberIn(null)).isEmpty();
    }

    @Test
    void withoutTags() {
        assertThat(SubjectTags.withoutTags("Re: [#42] Printer [#7]")).isEqualTo("Re: Printer");
    }
}
