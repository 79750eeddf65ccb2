package dev.mailtask.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtask.config.ConfigException;
import dev.mailtask.config.YamlNode;
import dev.mailtask.mail.MailAddress;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountsFileTest {

    private static List<MailAccount> read(String yaml) {
        return AccountsFile.read(YamlNode.parse("accounts.yaml", new StringReader(yaml))
                .resolving(v -> v.replace("{{demo.port}}", "2143")));
    }

    @Test
    void readsEveryProtocolWithDefaults() {
        List<MailAccount> accounts = read("""
                accounts:
                  - id: support
                    protocol: imaps
                    host: imap.example.com
                    username: support@example.com
                    password: "{{env:SUPPORT_PW}}"
                    address: support@example.com
                    domains: [Tasks.Example.com]
                  - id: legacy
                    protocol: pop3
                    host: pop.example.net
                    port: "{{demo.port}}"
                    username: orders
                    password: "{{legacy.password}}"
                    pollDelay: 5m
                    address: orders@example.net
                    addresses: orders@example.net
                """);
        MailAccount support = accounts.get(0);
        assertThat(support.port()).isEqualTo(993);
        assertThat(support.folder()).isEqualTo("INBOX");
        assertThat(support.pollDelayMillis()).isEqualTo(60_000);
        assertThat(support.deleteAfterProcessing()).isFalse();
        assertThat(support.password()).as("kept as a placeholder").isEqualTo("{{env:SUPPORT_PW}}");
        assertThat(support.serves(new MailAddress("anyone@tasks.example.COM", ""))).isTrue();
        assertThat(support.serves(new MailAddress("anyone@example.com", ""))).isFalse();

        MailAccount legacy = accounts.get(1);
        assertThat(legacy.port()).isEqualTo(2143);
        assertThat(legacy.pollDelayMillis()).isEqualTo(300_000);
        assertThat(legacy.deleteAfterProcessing()).as("POP3 has no seen flag").isTrue();
        assertThat(legacy.serves(new MailAddress("Orders@Example.net", ""))).isTrue();
    }

    @Test
    void smtpSettingsWithDefaultsAndPlaceholderPasswordsOnly() {
        String base = """
                accounts:
                  - id: a
                    protocol: imaps
                    host: h
                    username: u
                    password: "{{p}}"
                    address: a@b.c
                """;
        MailAccount.Smtp smtp = read(base + "    smtp: {host: smtp.b.c, username: u, password: \"{{q}}\"}\n").get(0).smtp();
        assertThat(smtp).isEqualTo(new MailAccount.Smtp("smtp", "smtp.b.c", 587, "u", "{{q}}", true));
        assertThatThrownBy(() -> read(base + "    smtp: {host: s, username: u, password: secret}\n"))
                .hasMessageStartingWith("accounts.yaml:8: password must be a placeholder");
        assertThatThrownBy(() -> read(base + "    smtp: {host: s, username: u}\n"))
                .hasMessageStartingWith("accounts.yaml:8: smtp needs both username and password");
        assertThat(read(base + "    smtp: {protocol: smtps, host: s}\n").get(0).smtp().port()).isEqualTo(465);
    }

    @Test
    void literalPasswordIsRejectedWithFileAndLine() {
        assertThatThrownBy(() -> read("""
                accounts:
                  - id: support
                    protocol: imap
                    host: h
                    username: u
                    password: hunter2
                    address: a@b.c
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("accounts.yaml:6: password must be a placeholder")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void unknownKeysBadValuesAndDuplicatesAreRejectedWithTheirLine() {
        String base = """
                accounts:
                  - id: a
                    protocol: imap
                    host: h
                    username: u
                    password: "{{p}}"
                    address: a@b.c
                """;
        assertThatThrownBy(() -> read(base + "    colour: blue\n"))
                .hasMessageStartingWith("accounts.yaml:8: unknown key 'colour'");
        assertThatThrownBy(() -> read(base.replace("protocol: imap", "protocol: smtp")))
                .hasMessageStartingWith("accounts.yaml:3: protocol 'smtp' is not one of");
        assertThatThrownBy(() -> read(base + "    port: 70000\n"))
                .hasMessageStartingWith("accounts.yaml:8: '70000' is out of range");
        assertThatThrownBy(() -> read(base + "    pollDelay: soon\n"))
                .hasMessageStartingWith("accounts.yaml:8: 'soon' is not a duration");
        assertThatThrownBy(() -> read(base + base.replace("accounts:\n", "")))
                .hasMessageStartingWith("accounts.yaml:8: duplicate account id 'a'");
        assertThatThrownBy(() -> read(base.replace("    host: h\n", "")))
                .hasMessageStartingWith("accounts.yaml:2: missing required key 'host'");
        assertThatThrownBy(() -> read("accounts: [\n"))
                .hasMessageStartingWith("accounts.yaml:2: not valid YAML");
    }

    @Test
    void shippedAccountFilesAreValid() {
        assertThat(AccountsFile.load(Path.of("config/accounts.yaml"), v -> v)).hasSize(3)
                .allSatisfy(a -> assertThat(a.enabled()).isFalse());
        List<MailAccount> demo = AccountsFile.load(Path.of("config/demo/accounts.yaml"), v -> v
                .replace("{{mailtask.demo.imap-port}}", "2143").replace("{{mailtask.demo.smtp-port}}", "2525")
                .replace("{{mailtask.demo.host}}", "127.0.0.1"));
        assertThat(demo).hasSize(1);
        assertThat(demo.get(0).smtp()).isEqualTo(new MailAccount.Smtp("smtp", "127.0.0.1", 2525, null, null, false));
        assertThat(demo.get(0).defaultSender()).isTrue();
    }
}
