package dev.mailtask.camel;

import dev.mailtask.access.ApiTokens;
import dev.mailtask.api.ApiAuth;
import dev.mailtask.api.ApiErrors;
import dev.mailtask.api.CommentsApi;
import dev.mailtask.api.DirectoryApi;
import dev.mailtask.api.MessageApi;
import dev.mailtask.api.OutboxApi;
import dev.mailtask.api.RulesApi;
import dev.mailtask.api.TasksApi;
import dev.mailtask.api.TokensApi;
import dev.mailtask.api.ReadApi;
import dev.mailtask.contacts.AddressPolicy;
import dev.mailtask.contacts.People;
import dev.mailtask.conversation.AccountChoice;
import dev.mailtask.conversation.CommentService;
import dev.mailtask.conversation.Notifications;
import dev.mailtask.conversation.OurIds;
import dev.mailtask.conversation.Outbox;
import dev.mailtask.conversation.Threads;
import dev.mailtask.outbound.MailComposer;
import dev.mailtask.outbound.ReplyTokens;
import dev.mailtask.directory.AccountsFile;
import dev.mailtask.directory.MailAccount;
import dev.mailtask.directory.Project;
import dev.mailtask.directory.MailAccountRecord;
import dev.mailtask.directory.SeedFile;
import dev.mailtask.intake.AddressResolver;
import dev.mailtask.intake.IntakeService;
import dev.mailtask.intake.RuleBook;
import dev.mailtask.mail.MailParser;
import dev.mailtask.store.Database;
import dev.mailtask.store.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds Mailtask's beans and binds them under the names the YAML routes use. This is what an embedding
 * host loads (with the routes); {@link StandaloneConfiguration} adds the HTTP server and the demo mail
 * server for the standalone bundle.
 *
 * <p>Bean names: {@code mailtaskDatabase}, {@code mailtaskIntake}, {@code mailtaskRules}, {@code mailtaskMailSource}, {@code mailtaskMailBinding},
 * {@code mailtaskReadApi}, {@code mailtaskTasksApi}, {@code mailtaskDirectoryApi}, {@code mailtaskMessageApi}, {@code mailtaskCommentsApi}, {@code mailtaskRulesApi}, {@code mailtaskApiAuth}, {@code mailtaskApiRequestValues}, {@code mailtaskTokensApi}, {@code mailtaskApiErrors}, {@code mailtaskAccountRoutes}, {@code mailtaskOutbox}, {@code mailtaskOutboxApi}.
 */
public class MailtaskConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(MailtaskConfiguration.class);

    @Override
    public void configure(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        Registry registry = context.getRegistry();

        String token = property(properties, "mailtask.api.token", "");
        if (token.isBlank()) {
            throw new IllegalStateException("mailtask.api.token is not set: configure an API token (for example the"
                    + " environment variable MAILTASK_API_TOKEN); the demo profile uses 'demo'");
        }

        Path accountsFile = Path.of(property(properties, "mailtask.accounts.file", "config/accounts.yaml"));
        List<MailAccount> accounts = Files.exists(accountsFile) ? AccountsFile.load(accountsFile, context::resolvePropertyPlaceholders) : List.of();
        if (accounts.isEmpty()) {
            LOG.warn("No mail accounts configured in {}: nothing will be polled", accountsFile);
        }

        Database database = new Database(new DatabaseSettings(
                property(properties, "mailtask.db.url", DatabaseSettings.DEFAULT_URL),
                property(properties, "mailtask.db.user", "SA"),
                property(properties, "mailtask.db.password", ""),
                Integer.parseInt(property(properties, "mailtask.db.pool-size", "8")),
                Long.parseLong(property(properties, "mailtask.db.connection-timeout", "5000")),
                Long.parseLong(property(properties, "mailtask.db.startup-wait", "60000"))));
        closeOnStop(context, database);
        database.run(session -> MailAccountRecord.sync(session, accounts));
        String seedFile = property(properties, "mailtask.seed.file", "");
        if (!seedFile.isBlank()) {
            SeedFile.Seed seed = SeedFile.load(Path.of(seedFile));
            if (database.inTransaction(session -> SeedFile.applyIfEmpty(session, seed))) {
                LOG.info("Directory seeded from {}", seedFile);
            }
        }

        RuleBook rules = new RuleBook(Path.of(property(properties, "mailtask.rules.dir", "config/rules")), database,
                Clock.systemUTC());
        rules.reloadIfChanged().forEach(change -> LOG.info("Rules: {}", change));
        People people = new People();
        OurIds ourIds = new OurIds(database, accounts);
        AccountChoice accountChoice = new AccountChoice(accounts,
                List.of(property(properties, "mailtask.outbox.never-send", "").split(",")));
        MailComposer composer = new MailComposer();
        ReplyTokens replyTokens = new ReplyTokens();
        Notifications notifications = new Notifications(accountChoice, ourIds, composer, replyTokens);
        AddressResolver ourAddresses = new AddressResolver(accounts);
        IntakeService intake = new IntakeService(database, new MailParser(), ourAddresses, rules,
                new Threads(ourIds, people), notifications, people, Clock.systemUTC(),
                Integer.parseInt(property(properties, "mailtask.intake.max-cc-participants", "20")));

        registry.bind("mailtaskDatabase", database);
        intake.setNotDeliveredNotice(Boolean.parseBoolean(
                property(properties, "mailtask.intake.not-delivered-notice", "false")));
        intake.setSpamVerdicts(spamVerdicts(property(properties, "mailtask.intake.spam-headers",
                "X-Spam-Flag: YES, X-Spam-Status: Yes")),
                !"ignore".equalsIgnoreCase(property(properties, "mailtask.intake.spam", "quarantine")));
        intake.setFloodLimit(Integer.parseInt(property(properties, "mailtask.intake.flood-limit", "20")),
                Duration.ofMinutes(Long.parseLong(property(properties, "mailtask.intake.flood-window-minutes", "10"))));
        intake.setTrustedServers(List.of(property(properties, "mailtask.intake.trusted-authserv-ids", "").split(",")));
        intake.setStrangerMail(strangerMail(property(properties, "mailtask.intake.stranger-mail", "hold")));
        intake.setAllowListOnly(Boolean.parseBoolean(property(properties, "mailtask.intake.allow-list-only", "false")));
        intake.setAcceptedLists(List.of(property(properties, "mailtask.intake.accepted-lists", "").split(",")));
        intake.setSizeLimits(Long.parseLong(property(properties, "mailtask.intake.max-mail-bytes", "52428800")),
                Long.parseLong(property(properties, "mailtask.intake.max-attachment-bytes", "26214400")));
        intake.setContentBudget(Duration.ofMillis(
                Long.parseLong(property(properties, "mailtask.intake.content-budget", "5000"))));
        registry.bind("mailtaskIntake", intake);
        Outbox outbox = new Outbox(database, Clock.systemUTC(),
                Duration.ofMillis(Long.parseLong(property(properties, "mailtask.outbox.first-retry", "30000"))),
                Integer.parseInt(property(properties, "mailtask.outbox.max-attempts", "10")));
        outbox.setRateLimits(Integer.parseInt(property(properties, "mailtask.outbox.per-recipient-limit", "50")),
                Integer.parseInt(property(properties, "mailtask.outbox.global-limit", "1000")),
                Duration.ofMinutes(Long.parseLong(property(properties, "mailtask.outbox.limit-window-minutes", "10"))));
        registry.bind("mailtaskOutbox", outbox);
        registry.bind("mailtaskOutboxApi", new OutboxApi(outbox));
        registry.bind("mailtaskRules", rules);
        registry.bind("mailtaskMailSource", new MailSource());
        registry.bind("mailtaskMailBinding", new RawMailBinding());
        ReadApi readApi = new ReadApi(database);
        registry.bind("mailtaskReadApi", readApi);
        registry.bind("mailtaskTasksApi", new TasksApi(database, readApi));
        registry.bind("mailtaskMessageApi", new MessageApi(intake));
        CommentService comments = new CommentService(database, accountChoice, ourIds, notifications, composer,
                replyTokens, Clock.systemUTC());
        comments.setMaxRecipients(Integer.parseInt(property(properties, "mailtask.comments.max-recipients", "50")));
        registry.bind("mailtaskCommentsApi", new CommentsApi(comments));
        registry.bind("mailtaskRulesApi", new RulesApi(rules, intake,
                accounts.isEmpty() ? "default" : accounts.get(0).id()));
        registry.bind("mailtaskDirectoryApi", new DirectoryApi(database,
                accounts.stream().flatMap(a -> a.domains().stream()).distinct().toList(),
                new AddressPolicy(ourAddresses::isOurs, people)));
        ApiTokens apiTokens = new ApiTokens(database, Clock.systemUTC(), token);
        registry.bind("mailtaskApiAuth", new ApiAuth(apiTokens));
        registry.bind("mailtaskApiRequestValues", new ApiRequestValues());
        context.getComponent("platform-http", PlatformHttpComponent.class).setHeaderFilterStrategy(new ApiHeaderFilter());
        registry.bind("mailtaskTokensApi", new TokensApi(apiTokens));
        registry.bind("mailtaskApiErrors", new ApiErrors());
        registry.bind("mailtaskAccountRoutes", new AccountRoutes(accounts));
    }

    static Project.StrangerMail strangerMail(String value) {
        try {
            return Project.StrangerMail.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mailtask.intake.stranger-mail: '" + value + "' is not one of "
                    + java.util.Arrays.toString(Project.StrangerMail.values()));
        }
    }

    /** "X-Spam-Flag: YES, X-Spam-Status: Yes" → header name → value prefix. */
    static Map<String, String> spamVerdicts(String list) {
        Map<String, String> verdicts = new java.util.LinkedHashMap<>();
        for (String item : list.split(",")) {
            int colon = item.indexOf(':');
            if (colon > 0) {
                verdicts.put(item.substring(0, colon).strip(), item.substring(colon + 1).strip());
            } else if (!item.isBlank()) {
                throw new IllegalStateException("mailtask.intake.spam-headers: '" + item.strip()
                        + "' is not 'Header: value'");
            }
        }
        return verdicts;
    }

    /** JavaMail settings of one account's sender: STARTTLS as configured, and no endless waits. */

    static String property(PropertiesComponent properties, String key, String fallback) {
        return properties.resolveProperty(key).map(String::trim).orElse(fallback);
    }

    /** Closes {@code resource} when the context stops, after its routes. */
    static void closeOnStop(CamelContext context, AutoCloseable resource) {
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() throws Exception {
                    resource.close();
                }
            }, true, true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
