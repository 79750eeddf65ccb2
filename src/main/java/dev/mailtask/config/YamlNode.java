package dev.mailtask.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * A node of a YAML configuration file that remembers where it stands, so every error can name file and
 * line. Read-only accessors with validation: unknown keys, missing keys and wrong types are errors.
 */
public final class YamlNode {

    private final String file;
    private final Node node;
    private final UnaryOperator<String> placeholders;

    private YamlNode(String file, Node node, UnaryOperator<String> placeholders) {
        this.file = file;
        this.node = node;
        this.placeholders = placeholders;
    }

    private YamlNode child(Node child) {
        return new YamlNode(file, child, placeholders);
    }

    /** This node with {@code {{...}}} placeholders in scalar values resolved by {@code resolver}. */
    public YamlNode resolving(UnaryOperator<String> resolver) {
        return new YamlNode(file, node, resolver);
    }

    public static YamlNode load(Path path) {
        String name = path.toString();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(name, reader);
        } catch (IOException e) {
            throw new ConfigException(name, 0, "cannot read: " + e.getMessage());
        }
    }

    public static YamlNode parse(String name, Reader reader) {
        LoadSettings settings = LoadSettings.builder().setLabel(name).setAllowDuplicateKeys(false).build();
        try {
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, reader)));
            Optional<Node> root = composer.getSingleNode();
            return new YamlNode(name, root.orElseThrow(() -> new ConfigException(name, 0, "the file is empty")),
                    UnaryOperator.identity());
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new ConfigException(name, line, "not valid YAML: " + e.getProblem());
        } catch (RuntimeException e) {
            if (e instanceof ConfigException ce) {
                throw ce;
            }
            throw new ConfigException(name, 0, "not valid YAML: " + e.getMessage());
        }
    }

    public String file() {
        return file;
    }

    public int line() {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    public ConfigException error(String reason) {
        return new ConfigException(file, line(), reason);
    }

    /** The entries of a mapping, in file order; fails on keys not in {@code allowed}. */
    public Map<String, YamlNode> mapping(Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            throw error("expected a mapping (key: value)");
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            YamlNode key = child(tuple.getKeyNode());
            String name = key.literal();
            if (!allowed.contains(name)) {
                throw key.error("unknown key '" + name + "'; allowed: " + String.join(", ", allowed));
            }
            entries.put(name, child(tuple.getValueNode()));
        }
        return entries;
    }

    public List<YamlNode> sequence() {
        if (!(node instanceof SequenceNode sequence)) {
            throw error("expected a list");
        }
        List<YamlNode> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            items.add(child(item));
        }
        return items;
    }

    /** The value with placeholders resolved. */
    public String scalar() {
        String value = literal();
        if (!value.contains("{{")) {
            return value;
        }
        try {
            return placeholders.apply(value);
        } catch (RuntimeException e) {
            throw error("cannot resolve '" + value + "': " + e.getMessage());
        }
    }

    /** The value exactly as written, placeholders and all. */
    public String literal() {
        if (!(node instanceof ScalarNode scalar)) {
            throw error("expected a single value");
        }
        return scalar.getValue();
    }

    public int integer(int min, int max) {
        String value = scalar();
        try {
            int number = Integer.parseInt(value.trim());
            if (number < min || number > max) {
                throw error("'" + value + "' is out of range " + min + ".." + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw error("'" + value + "' is not a whole number");
        }
    }

    public boolean bool() {
        String value = scalar().trim();
        return switch (value) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error("'" + value + "' is not true or false");
        };
    }

    /** A list of scalars; a single scalar counts as a list of one. */
    public List<String> scalars() {
        if (node instanceof ScalarNode) {
            return List.of(scalar());
        }
        return sequence().stream().map(YamlNode::scalar).toList();
    }

    /** Helper for required keys of a mapping. */
    public static YamlNode required(YamlNode parent, Map<String, YamlNode> entries, String key) {
        YamlNode value = entries.get(key);
        if (value == null) {
            throw parent.error("missing required key '" + key + "'");
        }
        return value;
    }
}
