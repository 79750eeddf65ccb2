package dev.mailtask.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtask.directory.MailAccount;
import dev.mailtask.directory.Project;
import dev.mailtask.tasks.Task;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountChoiceTest {

    private static MailAccount account(String id, boolean sends, boolean isDefault) {
        return new MailAccount(id, "imap", "h", 143, "u", "{{p}}", "INBOX", 1000, 10, id + "@example.com",
                List.of(), List.of(), false, "Quarantine", true,
                sends ? new MailAccount.Smtp("smtp", "smtp.example.com", 587, null, null, true) : null, "", isDefault);
    }

    private final AccountChoice choice = new AccountChoice(List.of(account("support", true, false),
            account("sales", true, false), account("intake-only", false, false), account("main", true, true)));

    @Test
    void theClientsAccountThenTheProjectsThenTheDefault() {
        Project sales = new Project(7, "Sales");
        sales.setAccountId("sales");
        assertThat(choice.forTask(new Task("t", "", null, sales, "support", Instant.EPOCH))).get()
                .extracting(MailAccount::id).isEqualTo("support");
        assertThat(choice.forTask(new Task("t", "", null, sales, "intake-only", Instant.EPOCH))).get()
                .extracting(MailAccount::id).as("the client's account cannot send").isEqualTo("sales");
        assertThat(choice.forTask(new Task("t", "", null, null, "intake-only", Instant.EPOCH))).get()
                .extracting(MailAccount::id).isEqualTo("main");
        assertThat(choice.forTask(new Task("t", "", null, null, null, Instant.EPOCH))).get()
                .extracting(MailAccount::id).isEqualTo("main");
    }

    @Test
    void neverOurOwnAddressesNorTheNeverSendList() {
        AccountChoice guarded = new AccountChoice(List.of(account("support", true, false)),
                List.of(" Legal@Client.example ", ""));
        assertThat(guarded.mayMail("carol@client.example")).isTrue();
        assertThat(guarded.mayMail("legal@client.example")).isFalse();
        assertThat(guarded.mayMail("SUPPORT@example.com")).as("our own account's address").isFalse();
    }

    @Test
    void withoutADefaultTheFirstSendingAccount() {
        assertThat(new AccountChoice(List.of(account("rx", false, false), account("tx", true, false))).system())
                .get().extracting(MailAccount::id).isEqualTo("tx");
        assertThat(new AccountChoice(List.of(account("rx", false, false))).system()).isEmpty();
    }
}
