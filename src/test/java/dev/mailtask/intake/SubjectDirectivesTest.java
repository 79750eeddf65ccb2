package dev.mailtask.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubjectDirectivesTest {

    @Test
    void noNotifyIsRecognisedAnywhereAndRemoved() {
        assertThat(SubjectDirectives.of("Printer broken @nonotify")).isEqualTo(
                new SubjectDirectives("Printer broken", false, null));
        assertThat(SubjectDirectives.of("@NoNotify Re: Printer")).isEqualTo(
                new SubjectDirectives("Re: Printer", false, null));
        assertThat(SubjectDirectives.of("Mail to ops@nonotify.example").notifyPeople())
                .as("part of an address, not the directive").isTrue();
    }

    @Test
    void hashTextNamesATaskByItsTitle() {
        SubjectDirectives d = SubjectDirectives.of("Update #Printer on fire");
        assertThat(d.searchText()).isEqualTo("Printer on fire");
        assertThat(d.subjectWithoutHash()).isEqualTo("Update Printer on fire");
        assertThat(SubjectDirectives.of("Nothing to find #").searchText()).isNull();
    }
}
