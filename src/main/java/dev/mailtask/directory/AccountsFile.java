package dev.mailtask.directory;

import dev.mailtask.config.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** Reads the accounts file ({@code config/accounts.yaml}) and validates every entry. */
public final class AccountsFile {

    private static final Set<String> TOP_KEYS = Set.of("accounts");
    private static final Set<String> ACCOUNT_KEYS = Set.of("id", "protocol", "host", "port", "username", "password",
            "folder", "pollDelay", "maxMessagesPerPoll", "address", "domains", "addresses", "deleteAfterProcessing",
            "quarantineFolder", "enabled", "smtp", "signature", "default");
    private static final Set<String> SMTP_KEYS = Set.of("protocol", "host", "port", "username", "password",
            "starttls");
    private static final Set<String> PROTOCOLS = Set.of("imap", "imaps", "pop3", "pop3s");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^{}]+}}");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");

    private AccountsFile() {
    }

    /**
     * @param placeholders resolves {@code {{...}}} placeholders in every value but the password, which stays a
     *                     placeholder until the mail endpoint is created
     */
    public static List<MailAccount> load(Path path, UnaryOperator<String> placeholders) {
        return read(YamlNode.load(path).resolving(placeholders));
    }

    public static List<MailAccount> read(YamlNode root) {
        YamlNode list = root.mapping(TOP_KEYS).get("accounts");
        if (list == null) {
            return List.of();
        }
        List<MailAccount> accounts = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (YamlNode item : list.sequence()) {
            MailAccount account = account(item);
            if (!ids.add(account.id())) {
                throw item.error("duplicate account id '" + account.id() + "'");
            }
            accounts.add(account);
        }
        return accounts;
    }

    private static MailAccount account(YamlNode node) {
        Map<String, YamlNode> e = node.mapping(ACCOUNT_KEYS);
        String id = YamlNode.required(node, e, "id").scalar();
        if (!ID.matcher(id).matches()) {
            throw e.get("id").error("account id '" + id + "' must be lower-case letters, digits and '-'");
        }
        YamlNode protocolNode = YamlNode.required(node, e, "protocol");
        String protocol = protocolNode.scalar().toLowerCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw protocolNode.error("protocol '" + protocol + "' is not one of " + PROTOCOLS);
        }
        String host = YamlNode.required(node, e, "host").scalar();
        int port = e.containsKey("port") ? e.get("port").integer(1, 65535) : defaultPort(protocol);
        String username = YamlNode.required(node, e, "username").scalar();
        YamlNode passwordNode = YamlNode.required(node, e, "password");
        String password = placeholder(passwordNode, id);
        boolean imap = protocol.startsWith("imap");
        String folder = e.containsKey("folder") ? e.get("folder").scalar() : "INBOX";
        long delay = e.containsKey("pollDelay") ? duration(e.get("pollDelay")) : 60_000;
        int batch = e.containsKey("maxMessagesPerPoll") ? e.get("maxMessagesPerPoll").integer(1, 100_000) : 500;
        String address = YamlNode.required(node, e, "address").scalar();
        if (!address.contains("@")) {
            throw e.get("address").error("address '" + address + "' is not an e-mail address");
        }
        List<String> domains = e.containsKey("domains") ? e.get("domains").scalars() : List.of();
        List<String> addresses = e.containsKey("addresses") ? e.get("addresses").scalars() : List.of();
        // POP3 has no "seen" flag: without deleting, every poll downloads the whole mailbox again.
        boolean delete = e.containsKey("deleteAfterProcessing") ? e.get("deleteAfterProcessing").bool() : !imap;
        String quarantine = e.containsKey("quarantineFolder") ? e.get("quarantineFolder").scalar() : "Quarantine";
        boolean enabled = !e.containsKey("enabled") || e.get("enabled").bool();
        MailAccount.Smtp smtp = e.containsKey("smtp") ? smtp(e.get("smtp"), id) : null;
        String signature = e.containsKey("signature") ? e.get("signature").scalar() : "";
        boolean defaultSender = e.containsKey("default") && e.get("default").bool();
        return new MailAccount(id, protocol, host, port, username, password, folder, delay, batch, address, domains,
                addresses, delete, quarantine, enabled, smtp, signature, defaultSender);
    }

    private static MailAccount.Smtp smtp(YamlNode node, String id) {
        Map<String, YamlNode> e = node.mapping(SMTP_KEYS);
        String protocol = e.containsKey("protocol") ? e.get("protocol").scalar().toLowerCase(Locale.ROOT) : "smtp";
        if (!protocol.equals("smtp") && !protocol.equals("smtps")) {
            throw e.get("protocol").error("smtp protocol '" + protocol + "' is not smtp or smtps");
        }
        String host = YamlNode.required(node, e, "host").scalar();
        int port = e.containsKey("port") ? e.get("port").integer(1, 65535) : protocol.equals("smtps") ? 465 : 587;
        String username = e.containsKey("username") ? e.get("username").scalar() : null;
        String password = e.containsKey("password") ? placeholder(e.get("password"), id + "_SMTP") : null;
        if ((username == null) != (password == null)) {
            throw node.error("smtp needs both username and password, or neither");
        }
        boolean starttls = e.containsKey("starttls") ? e.get("starttls").bool() : protocol.equals("smtp");
        return new MailAccount.Smtp(protocol, host, port, username, password, starttls);
    }

    private static String placeholder(YamlNode node, String id) {
        String value = node.literal();
        if (!PLACEHOLDER.matcher(value).matches()) {
            throw node.error("password must be a placeholder such as {{env:MAILTASK_" + id.toUpperCase()
                    .replace('-', '_') + "_PASSWORD}}: secrets never live in configuration files");
        }
        return value;
    }

    private static int defaultPort(String protocol) {
        return switch (protocol) {
            case "imap" -> 143;
            case "imaps" -> 993;
            case "pop3" -> 110;
            default -> 995;
        };
    }

    private static long duration(YamlNode node) {
        var m = DURATION.matcher(node.scalar().trim());
        if (!m.matches()) {
            throw node.error("'" + node.scalar() + "' is not a duration such as 500ms, 30s or 5m");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            default -> n;
        };
    }
}
