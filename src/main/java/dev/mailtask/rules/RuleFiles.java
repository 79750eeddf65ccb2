package dev.mailtask.rules;

import dev.mailtask.config.ConfigException;
import dev.mailtask.config.YamlNode;
import dev.mailtask.store.Sha256;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The rule files of a folder ({@code config/rules/*.yaml}, one address per file), kept current without a
 * restart. {@link #reloadIfChanged()} re-reads the folder and re-validates only files whose content changed
 * (compared by SHA-256, so a change within the file system's timestamp granularity is not missed). A file
 * that fails validation is reported with file, line and reason, and the rules it had before stay active; a
 * deleted file takes its rules with it. Two files for one address: the file that had it keeps it, the other
 * is rejected.
 *
 * <p>Thread-safe: reloads are serialised; readers see one consistent snapshot of all addresses.
 */
public final class RuleFiles {

    /** What a reload did. */
    public record ReloadReport(List<String> loaded, List<String> removed, List<RuleFileError> rejected) {

        /** True when the active rules changed or a file was newly rejected. */
        public boolean changed() {
            return !loaded.isEmpty() || !removed.isEmpty() || !rejected.isEmpty();
        }
    }

    /** One file's state: its content hash, the rule set from its last good content, its current error. */
    private record FileState(String hash, RuleSet good, RuleFileError error) {
    }

    private final Path directory;
    private final RuleReferences references;
    private final Map<Path, FileState> files = new TreeMap<>();
    private final Map<String, Path> owners = new HashMap<>();
    private volatile Map<String, RuleSet> active = Map.of();
    private volatile List<RuleFileError> errors = List.of();

    /** Does not read anything yet: call {@link #reloadIfChanged()} to load. */
    public RuleFiles(Path directory, RuleReferences references) {
        this.directory = directory;
        this.references = references;
    }

    public Path directory() {
        return directory;
    }

    /** The active rule set of an address (case-insensitive), if it has a file. */
    public Optional<RuleSet> ruleSet(String address) {
        return Optional.ofNullable(active.get(address.toLowerCase(java.util.Locale.ROOT)));
    }

    /** Every active rule set by address. */
    public Map<String, RuleSet> ruleSets() {
        return active;
    }

    /** The files currently rejected, with file, line and reason. Empty when every file is good. */
    public List<RuleFileError> errors() {
        return errors;
    }

    /** Reads files whose content changed since the last call (all of them the first time). */
    public synchronized ReloadReport reloadIfChanged() {
        return reload(false);
    }

    /**
     * Re-validates every file, changed or not: call it when the directory changed (a project or employee was
     * removed or added), as references are checked at load.
     */
    public synchronized ReloadReport reloadAll() {
        return reload(true);
    }

    private ReloadReport reload(boolean force) {
        List<Path> present = list();
        List<RuleFileError> rejected = new ArrayList<>();
        Set<Path> read = new HashSet<>();
        files.keySet().retainAll(present);
        for (Path path : present) {
            FileState old = files.get(path);
            RuleSet previous = old == null ? null : old.good();
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(path);
            } catch (NoSuchFileException e) {
                files.remove(path);
                continue;
            } catch (IOException e) {
                RuleFileError error = new RuleFileError(path.toString(), 0, path + ": cannot read: " + e.getMessage());
                if (old == null || !error.equals(old.error())) {
                    rejected.add(error);
                }
                files.put(path, new FileState(old == null ? null : old.hash(), previous, error));
                continue;
            }
            String hash = Sha256.hex(bytes);
            if (!force && old != null && hash.equals(old.hash())) {
                continue;
            }
            read.add(path);
            try {
                RuleSet set = RuleFile.read(YamlNode.parse(path.toString(),
                        new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)), references);
                files.put(path, new FileState(hash, set, null));
            } catch (ConfigException e) {
                RuleFileError error = RuleFileError.of(e);
                files.put(path, new FileState(hash, previous, error));
                rejected.add(error);
            }
        }
        Map<String, RuleSet> before = active;
        publish(read, rejected);
        List<String> loaded = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        active.forEach((address, set) -> {
            if (before.get(address) != set) {
                loaded.add(address);
            }
        });
        before.keySet().forEach(address -> {
            if (!active.containsKey(address)) {
                removed.add(address);
            }
        });
        return new ReloadReport(List.copyOf(loaded), List.copyOf(removed), List.copyOf(rejected));
    }

    /**
     * Builds the address map from every file's good rule set. An address claimed by two files stays with the
     * file that had it; otherwise the first file by name gets it. The other file is rejected.
     */
    private void publish(Set<Path> read, List<RuleFileError> rejected) {
        Map<String, Path> next = new HashMap<>();
        owners.forEach((address, path) -> {
            FileState state = files.get(path);
            if (state != null && state.good() != null && state.good().address().equals(address)) {
                next.put(address, path);
            }
        });
        List<RuleFileError> problems = new ArrayList<>();
        for (Map.Entry<Path, FileState> f : files.entrySet()) {
            FileState state = f.getValue();
            if (state.error() != null) {
                problems.add(state.error());
            }
            RuleSet set = state.good();
            if (set == null) {
                continue;
            }
            Path owner = next.putIfAbsent(set.address(), f.getKey());
            if (owner != null && !owner.equals(f.getKey()) && state.error() == null) {
                RuleFileError clash = new RuleFileError(f.getKey().toString(), 0, f.getKey() + ": address '"
                        + set.address() + "' already has rules in " + owner + "; one file per address");
                problems.add(clash);
                if (read.contains(f.getKey())) {
                    rejected.add(clash);
                }
            }
        }
        owners.clear();
        owners.putAll(next);
        Map<String, RuleSet> sets = new TreeMap<>();
        next.forEach((address, path) -> sets.put(address, files.get(path).good()));
        active = java.util.Collections.unmodifiableMap(sets);
        errors = List.copyOf(problems);
    }

    private List<Path> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> {
                String name = p.getFileName().toString();
                return (name.endsWith(".yaml") || name.endsWith(".yml")) && !name.startsWith(".")
                        && Files.isRegularFile(p);
            }).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException(directory.toString(), 0, "cannot list the rules folder: " + e.getMessage());
        }
    }
}
