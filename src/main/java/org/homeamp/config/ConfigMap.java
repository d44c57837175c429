package org.homeamp.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.homeamp.config.YamlNodes.Kind;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One mapping of {@code homeamp.yml} seen through its schema: typed accessors that report wrong types
 * and missing keys to {@link Problems} and answer {@code null}, so validation carries on and every
 * problem of the file is reported in one run. Unknown keys are reported when the view is created.
 */
final class ConfigMap {
    /** One element of a list, with its own key path and line. */
    record Item(String path, int line, Node node) {
    }

    /** One key of a mapping with the line the key is written on. */
    record Entry(String key, int line, Node value) {
    }

    private final Map<String, Entry> entries;
    private final String path;
    private final int line;
    private final Problems problems;

    ConfigMap(MappingNode node, String path, int line, Problems problems, List<String> knownKeys) {
        this.entries = entries(node, path, problems);
        this.path = path;
        this.line = line;
        this.problems = problems;
        for (Entry entry : entries.values()) {
            if (!knownKeys.contains(entry.key())) {
                reportUnknownKey(problems, entry.line(), path(entry.key()), entry.key(), knownKeys);
            }
        }
    }

    /**
     * The keys of a mapping in file order. SnakeYAML's node graph keeps both of two equal keys; a loader
     * would silently keep the last one, and an operator editing the first would be puzzled, so it is a problem.
     */
    static Map<String, Entry> entries(MappingNode node, String path, Problems problems) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            int keyLine = YamlNodes.line(tuple.getKeyNode());
            String key = YamlNodes.key(tuple).orElse(null);
            String keyPath = path.isEmpty() ? String.valueOf(key) : path + "." + key;
            if (key == null) {
                problems.add(keyLine, path.isEmpty() ? "(document)" : path, null, "has a key that is a list or map",
                        "write every key as plain text");
                continue;
            }
            Entry first = entries.get(key);
            if (first != null) {
                problems.add(keyLine, keyPath, null, "is given twice (first at line " + first.line() + ")",
                        "keep only one of them");
            } else {
                entries.put(key, new Entry(key, keyLine, tuple.getValueNode()));
            }
        }
        return Collections.unmodifiableMap(entries);
    }

    /**
     * Reports a key the schema does not know. The value is left out: an unknown key could hold anything,
     * including a password pasted into the wrong place.
     */
    static void reportUnknownKey(Problems problems, int line, String keyPath, String key, List<String> knownKeys) {
        String suggestion = YamlNodes.closest(key, knownKeys, 2);
        String hint = suggestion == null ? "" : " (did you mean " + suggestion + "?)";
        problems.add(line, keyPath, null, "is not a known key",
                "remove it, or check the spelling" + hint + "; known keys here: " + String.join(", ", knownKeys));
    }

    String path() {
        return path;
    }

    int line() {
        return line;
    }

    String path(String key) {
        return path + "." + key;
    }

    /** The line of {@code key}, or of this mapping when the key is absent (where it should be added). */
    int line(String key) {
        Entry entry = entries.get(key);
        return entry == null ? line : entry.line();
    }

    /** Whether {@code key} is present with a value; {@code key:} with nothing after it counts as absent. */
    boolean has(String key) {
        return value(key) != null;
    }

    void problem(String key, String shownValue, String wrong, String fix) {
        problems.add(line(key), path(key), shownValue, wrong, fix);
    }

    /** Any scalar as text (YAML may have read {@code 1234} as a number); {@code null} when absent or not a scalar. */
    String string(String key, String example) {
        Node value = value(key);
        if (value == null) {
            return null;
        }
        if (value instanceof ScalarNode scalar) {
            return YamlNodes.text(scalar);
        }
        wrongType(key, value, "a single value", example);
        return null;
    }

    String requiredString(String key, String example) {
        if (!has(key)) {
            missing(key, example);
            return null;
        }
        return string(key, example);
    }

    void missing(String key, String example) {
        String wrong = entries.containsKey(key) ? "has no value" : "is missing";
        problems.add(line(key), path(key), null, wrong, "add " + key + ": " + example + " under " + path);
    }

    /**
     * A whole number in {@code min..max}; a quoted number is accepted because YAML authors often quote
     * out of habit.
     */
    Integer integer(String key, int min, int max, String example) {
        Node value = value(key);
        if (value == null) {
            return null;
        }
        String range = max == Integer.MAX_VALUE ? "a whole number of at least " + min
                : "a whole number from " + min + " to " + max;
        String fix = "write " + range + ", e.g. " + key + ": " + example;
        Kind kind = value instanceof ScalarNode scalar ? YamlNodes.kind(scalar) : null;
        if (kind != Kind.WHOLE_NUMBER && kind != Kind.TEXT) {
            String shown = value instanceof ScalarNode scalar ? YamlNodes.text(scalar) : null;
            problem(key, shown, "is " + YamlNodes.describe(value) + ", expected a whole number", fix);
            return null;
        }
        // The text as written, in decimal: YAML 1.1 would read 010 as octal 8 and accept 1_000 or 0x10.
        String text = YamlNodes.text((ScalarNode) value);
        int number;
        try {
            number = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            problem(key, text, "is not a whole number", fix);
            return null;
        }
        if (number < min || number > max) {
            problem(key, text, "is out of range, expected " + range, fix);
            return null;
        }
        return number;
    }

    /** A nested mapping, or {@code null} when absent or of another type (reported). */
    ConfigMap map(String key, List<String> knownKeys, String example) {
        Node value = value(key);
        if (value == null) {
            return null;
        }
        if (value instanceof MappingNode map) {
            return new ConfigMap(map, path(key), line(key), problems, knownKeys);
        }
        wrongType(key, value, "a map of settings", example);
        return null;
    }

    /** A list, or {@code null} when absent or of another type (reported). */
    List<Item> list(String key, String example) {
        Node value = value(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof SequenceNode list)) {
            wrongType(key, value, "a list", example);
            return null;
        }
        List<Item> items = new ArrayList<>();
        for (Node item : list.getValue()) {
            items.add(new Item(path(key) + "[" + items.size() + "]", YamlNodes.line(item), item));
        }
        return items;
    }

    /** Views a list element as a mapping, or reports that it is not one. */
    ConfigMap mapItem(Item item, List<String> knownKeys, String example) {
        if (item.node() instanceof MappingNode map) {
            return new ConfigMap(map, item.path(), item.line(), problems, knownKeys);
        }
        String shown = item.node() instanceof ScalarNode scalar ? YamlNodes.text(scalar) : null;
        problems.add(item.line(), item.path(), shown, "is " + YamlNodes.describe(item.node()) + ", expected a map of settings",
                "write it as " + example);
        return null;
    }

    /** Reads a list element as text, or reports that it is not a single value. */
    String stringItem(Item item, String example) {
        if (item.node() instanceof ScalarNode scalar && !YamlNodes.isNull(scalar)) {
            return YamlNodes.text(scalar);
        }
        problems.add(item.line(), item.path(), null, "is " + YamlNodes.describe(item.node()) + ", expected a single value",
                "write it as e.g. " + example);
        return null;
    }

    private Node value(String key) {
        Entry entry = entries.get(key);
        if (entry == null || YamlNodes.isNull(entry.value())) {
            return null;
        }
        return entry.value();
    }

    private void wrongType(String key, Node value, String expected, String example) {
        String shown = value instanceof ScalarNode scalar ? YamlNodes.text(scalar) : null;
        problem(key, shown, "is " + YamlNodes.describe(value) + ", expected " + expected, "write it as " + key + ": " + example);
    }
}
