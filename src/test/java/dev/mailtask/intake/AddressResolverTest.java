package dev.mailtask.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtask.directory.MailAccount;
import dev.mailtask.mail.InboundMail;
import dev.mailtask.mail.MailAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AddressResolverTest {

    private static final MailAccount ACCOUNT = new MailAccount("main", "imap", "h", 143, "u", "{{p}}", "INBOX", 1000,
            10, "support@example.com", List.of("tasks.example.com"), List.of("sales@example.org"), false,
            "Quarantine", true, null, "", false);

    private static final DirectoryLookup DIRECTORY = new DirectoryLookup() {
        @Override
        public Optional<Long> employeeByLogin(String login) {
            return Optional.ofNullable(Map.of("alice", 1L, "support", 99L).get(login));
        }

        @Override
        public Optional<Long> virtualAddressByName(String name) {
            return Optional.ofNullable(Map.of("support", 2L, "sales", 3L).get(name));
        }

        @Override
        public Optional<Long> projectByNumber(int number) {
            return number == 7 ? Optional.of(70L) : Optional.empty();
        }

        @Override
        public Optional<Long> taskByNumber(long number) {
            return number == 42 ? Optional.of(420L) : Optional.empty();
        }
    };

    private final AddressResolver resolver = new AddressResolver(List.of(ACCOUNT));

    private static InboundMail mail(List<String> deliveredTo, List<String> to, List<String> cc) {
        return new InboundMail(new MailAddress("client@client.example", "Client"), addresses(to), addresses(cc),
                List.of(), addresses(deliveredTo), "s", null, null, null, List.of(), "", null, List.of(), List.of());
    }

    private static List<MailAddress> addresses(List<String> values) {
        return values.stream().map(v -> new MailAddress(v, "")).toList();
    }

    @Test
    void envelopeRecipientComesFirstThenToThenCcAndOnlyOurAddressesCount() {
        List<Recipient> recipients = resolver.resolve(mail(List.of("Alice@Tasks.Example.com"),
                List.of("someone@else.example", "support@tasks.example.com"), List.of("project+7@tasks.example.com")),
                DIRECTORY);
        assertThat(recipients).containsExactly(
                new Recipient("alice@tasks.example.com", Recipient.Kind.EMPLOYEE, 1L),
                new Recipient("support@tasks.example.com", Recipient.Kind.VIRTUAL_ADDRESS, 2L),
                new Recipient("project+7@tasks.example.com", Recipient.Kind.PROJECT, 70L));
    }

    @Test
    void virtualAddressWinsOverAnEmployeeWithTheSameLoginAndSingleAddressesAreOurs() {
        assertThat(resolver.resolve(mail(List.of(), List.of("support@tasks.example.com", "SALES@example.org"),
                List.of()), DIRECTORY)).extracting(Recipient::kind, Recipient::id)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Recipient.Kind.VIRTUAL_ADDRESS, 2L),
                        org.assertj.core.groups.Tuple.tuple(Recipient.Kind.VIRTUAL_ADDRESS, 3L));
    }

    @Test
    void taskAddressesInAllTheirForms() {
        assertThat(resolver.resolve(mail(List.of(), List.of("task+42@tasks.example.com", "task.42@tasks.example.com",
                "task+@tasks.example.com", "task+43@tasks.example.com"), List.of()), DIRECTORY))
                .containsExactly(new Recipient("task+42@tasks.example.com", Recipient.Kind.TASK, 420L),
                        new Recipient("task.42@tasks.example.com", Recipient.Kind.TASK, 420L),
                        new Recipient("task+@tasks.example.com", Recipient.Kind.TASK_SEARCH, null),
                        new Recipient("task+43@tasks.example.com", Recipient.Kind.UNKNOWN, null));
    }

    @Test
    void oldLoginsAndMissingProjectsAreOursButUnknown() {
        assertThat(resolver.resolve(mail(List.of(), List.of("oldlogin@tasks.example.com",
                "project+8@tasks.example.com"), List.of()), DIRECTORY))
                .allSatisfy(r -> assertThat(r.kind()).isEqualTo(Recipient.Kind.UNKNOWN))
                .extracting(Recipient::kind).containsExactly(Recipient.Kind.UNKNOWN, Recipient.Kind.UNKNOWN);
    }

    @Test
    void mailForNobodyOfOursResolvesToNothingAndDuplicatesCountOnce() {
        assertThat(resolver.resolve(mail(List.of(), List.of("x@else.example"), List.of()), DIRECTORY)).isEmpty();
        assertThat(resolver.resolve(mail(List.of("alice@tasks.example.com"), List.of("ALICE@tasks.example.com"),
                List.of()), DIRECTORY)).hasSize(1);
    }
}
