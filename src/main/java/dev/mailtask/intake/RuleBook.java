package dev.mailtask.intake;

import dev.mailtask.config.ConfigException;
import dev.mailtask.directory.RuleSetSource;
import dev.mailtask.rules.RuleFile;
import dev.mailtask.rules.RuleFileError;
import dev.mailtask.rules.RuleFiles;
import dev.mailtask.rules.RuleReferences;
import dev.mailtask.rules.RuleSet;
import dev.mailtask.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every address's rules: the files of {@code config/rules/} (read-only over REST, reloaded when they change)
 * and the rule sets managed over REST (stored in the database, same YAML, same validation). A file wins
 * over a stored set for the same address: configuration kept with the code is what an engineer reviewed.
 */
public final class RuleBook {

    /** A rule set as listed over REST: where it lives and whether it is in force. */
    public record Entry(String address, String source, boolean readOnly, boolean active, RuleSet ruleSet) {
    }

    private final RuleFiles files;
    private final Database database;
    private final RuleReferences references;
    private final Clock clock;
    private volatile Map<String, RuleSet> stored = Map.of();
    private volatile String storedVersion = "";

    /** Loads nothing yet: {@link #reloadIfChanged()} reads the folder and the stored sets. */
    public RuleBook(Path directory, Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.references = new RuleReferences() {
            @Override
            public boolean projectExists(int number) {
                return database.inTransaction(s -> s.createSelectionQuery(
                        "select count(p) from Project p where p.number = :n", Long.class)
                        .setParameter("n", number).getSingleResult()) > 0;
            }

            @Override
            public boolean employeeExists(String login) {
                return database.inTransaction(s -> s.createSelectionQuery(
                        "select count(e) from Employee e where e.login = :l", Long.class)
                        .setParameter("l", login.toLowerCase(Locale.ROOT)).getSingleResult()) > 0;
            }
        };
        this.files = new RuleFiles(directory, references);
    }

    public RuleReferences references() {
        return references;
    }

    /** The rules of an address (the part before '@'), if it has any. */
    public Optional<RuleSet> forAddress(String localPart) {
        String key = localPart.toLowerCase(Locale.ROOT);
        Optional<RuleSet> file = files.ruleSet(key);
        return file.isPresent() ? file : Optional.ofNullable(stored.get(key));
    }

    /** Re-reads changed rule files and rule sets changed over REST (by another node too); says what changed. */
    public synchronized List<String> reloadIfChanged() {
        List<String> changes = new ArrayList<>();
        RuleFiles.ReloadReport report = files.reloadIfChanged();
        report.loaded().forEach(a -> changes.add("rules of '" + a + "' loaded from " + files.ruleSet(a)
                .map(RuleSet::file).orElse("?")));
        report.removed().forEach(a -> changes.add("rules of '" + a + "' removed (file deleted)"));
        report.rejected().forEach(e -> changes.add("rejected, previous rules kept: " + e.message()));
        Object[] row = database.inTransaction(s -> s.createSelectionQuery(
                "select count(r), max(r.updatedAt) from RuleSetSource r", Object[].class).getSingleResult());
        String version = row[0] + ":" + row[1];
        if (!version.equals(storedVersion)) {
            loadStored();
            storedVersion = version;
            changes.add("rule sets managed over REST: " + stored.keySet());
        }
        return changes;
    }

    private void loadStored() {
        Map<String, RuleSet> sets = new HashMap<>();
        for (RuleSetSource source : database.inTransaction(
                s -> s.createSelectionQuery("from RuleSetSource", RuleSetSource.class).getResultList())) {
            try {
                sets.put(source.address(), parse(source.address(), source.source()));
            } catch (ConfigException e) {
                // Stored sets were valid when stored; a project or employee removed since makes one invalid.
                sets.put(source.address(), stored.get(source.address()));
            }
        }
        sets.values().removeIf(java.util.Objects::isNull);
        stored = Map.copyOf(sets);
    }

    /** Validates and stores a rule set for an address; a bad one is refused with its line and reason. */
    public RuleSet store(String address, String yaml) {
        String key = address.toLowerCase(Locale.ROOT);
        if (files.ruleSet(key).isPresent()) {
            throw new IllegalStateException("the rules of '" + key + "' live in " + files.ruleSet(key).get().file()
                    + " and are read-only over REST");
        }
        RuleSet set = parse(key, yaml);
        if (!set.address().equals(key)) {
            throw new ConfigException(label(key), 0, "the file is for address '" + set.address() + "', not '" + key
                    + "'");
        }
        database.run(s -> {
            RuleSetSource existing = s.find(RuleSetSource.class, key);
            if (existing == null) {
                s.persist(new RuleSetSource(key, yaml, clock.instant()));
            } else {
                existing.update(yaml, clock.instant());
            }
        });
        reloadIfChanged();
        return set;
    }

    /** Deletes a stored rule set; false when there was none. */
    public boolean delete(String address) {
        String key = address.toLowerCase(Locale.ROOT);
        if (files.ruleSet(key).isPresent()) {
            throw new IllegalStateException("the rules of '" + key + "' live in " + files.ruleSet(key).get().file()
                    + " and are read-only over REST");
        }
        boolean deleted = database.inTransaction(s -> {
            RuleSetSource existing = s.find(RuleSetSource.class, key);
            if (existing != null) {
                s.remove(existing);
            }
            return existing != null;
        });
        reloadIfChanged();
        return deleted;
    }

    /** The stored YAML of an address managed over REST, or the file's text for a file-managed one. */
    public Optional<String> source(String address) {
        String key = address.toLowerCase(Locale.ROOT);
        Optional<RuleSet> file = files.ruleSet(key);
        if (file.isPresent()) {
            try {
                return Optional.of(java.nio.file.Files.readString(java.nio.file.Path.of(file.get().file())));
            } catch (java.io.IOException e) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(database.inTransaction(s -> s.find(RuleSetSource.class, key)))
                .map(RuleSetSource::source);
    }

    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        files.ruleSets().forEach((address, set) -> entries.add(new Entry(address, set.file(), true, true, set)));
        stored.forEach((address, set) -> entries.add(new Entry(address, "REST", false,
                files.ruleSet(address).isEmpty(), set)));
        entries.sort(java.util.Comparator.comparing(Entry::address));
        return entries;
    }

    /** Rule files currently refused, with file, line and reason (their previous rules stay in force). */
    public List<RuleFileError> errors() {
        return files.errors();
    }

    private RuleSet parse(String address, String yaml) {
        return RuleFile.parse(label(address), yaml, references);
    }

    private static String label(String address) {
        return "rules of '" + address + "' (REST)";
    }
}
