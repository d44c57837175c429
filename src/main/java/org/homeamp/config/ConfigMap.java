package org.homeamp.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.homeamp.config.YamlTree.ListNode;
import org.homeamp.config.YamlTree.MapNode;
import org.homeamp.config.YamlTree.Node;
import org.homeamp.config.YamlTree.ScalarKind;
import org.homeamp.config.YamlTree.ScalarNode;

/**
 * One mapping of {@code homeamp.yml} seen through its schema: typed accessors that report wrong types
 * and missing keys to {@link Problems} and answer {@code null}, so validation carries on and every
 * problem of the file is reported in one run. Unknown keys are reported when the view is created.
 */
final class ConfigMap {
    /** One element of a list, with its own key path and line. */
    record Item(String path, int line, Node node) {
    }

    private final MapNode node;
    private final String path;
    private final int line;
    private final Problems problems;

    ConfigMap(MapNode node, String path, int line, Problems problems, List<String> knownKeys) {
        this.node = node;
        this.path = path;
        this.line = line;
        this.problems = problems;
        for (YamlTree.Entry entry : node.entries().values()) {
            if (!knownKeys.contains(entry.key())) {
                reportUnknownKey(problems, entry.line(), path(entry.key()), entry.key(), knownKeys);
            }
        }
    }

    /**
     * Reports a key the schema does not know. The value is left out: an unknown key could hold anything,
     * including a password pasted into the wrong place.
     */
    static void reportUnknownKey(Problems problems, int line, String keyPath, String key, List<String> knownKeys) {
        String suggestion = closest(key, knownKeys);
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
        YamlTree.Entry entry = node.entries().get(key);
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
            return scalar.text();
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
        String wrong = node.entries().containsKey(key) ? "has no value" : "is missing";
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
        if (!(value instanceof ScalarNode scalar) || !(scalar.kind() == ScalarKind.INTEGER || scalar.kind() == ScalarKind.STRING)) {
            String shown = value instanceof ScalarNode scalar ? scalar.text() : null;
            problem(key, shown, "is " + describe(value) + ", expected a whole number", fix);
            return null;
        }
        int number;
        try {
            number = Integer.parseInt(scalar.text().strip());
        } catch (NumberFormatException e) {
            problem(key, scalar.text(), "is not a whole number", fix);
            return null;
        }
        if (number < min || number > max) {
            problem(key, scalar.text(), "is out of range, expected " + range, fix);
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
        if (value instanceof MapNode map) {
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
        if (!(value instanceof ListNode list)) {
            wrongType(key, value, "a list", example);
            return null;
        }
        List<Item> items = new ArrayList<>();
        for (Node item : list.items()) {
            items.add(new Item(path(key) + "[" + items.size() + "]", item.line(), item));
        }
        return items;
    }

    /** Views a list element as a mapping, or reports that it is not one. */
    ConfigMap mapItem(Item item, List<String> knownKeys, String example) {
        if (item.node() instanceof MapNode map) {
            return new ConfigMap(map, item.path(), item.line(), problems, knownKeys);
        }
        String shown = item.node() instanceof ScalarNode scalar ? scalar.text() : null;
        problems.add(item.line(), item.path(), shown, "is " + describe(item.node()) + ", expected a map of settings",
                "write it as " + example);
        return null;
    }

    /** Reads a list element as text, or reports that it is not a single value. */
    String stringItem(Item item, String example) {
        if (item.node() instanceof ScalarNode scalar && !scalar.isNull()) {
            return scalar.text();
        }
        problems.add(item.line(), item.path(), null, "is " + describe(item.node()) + ", expected a single value",
                "write it as e.g. " + example);
        return null;
    }

    private Node value(String key) {
        YamlTree.Entry entry = node.entries().get(key);
        if (entry == null || entry.value() instanceof ScalarNode scalar && scalar.isNull()) {
            return null;
        }
        return entry.value();
    }

    private void wrongType(String key, Node value, String expected, String example) {
        String shown = value instanceof ScalarNode scalar ? scalar.text() : null;
        problem(key, shown, "is " + describe(value) + ", expected " + expected, "write it as " + key + ": " + example);
    }

    private static String describe(Node node) {
        if (node instanceof MapNode) {
            return "a map";
        }
        if (node instanceof ListNode) {
            return "a list";
        }
        return switch (((ScalarNode) node).kind()) {
            case STRING -> "text";
            case INTEGER -> "a whole number";
            case DECIMAL -> "a decimal number";
            case BOOLEAN -> "true/false";
            case NULL -> "empty";
        };
    }

    /**
     * The known key nearest to {@code key}: the same key written in another case or with {@code _} instead of
     * {@code -} (camelCase, snake_case habits), else one within edit distance 2.
     */
    static String closest(String key, List<String> knownKeys) {
        String folded = fold(key);
        for (String known : knownKeys) {
            if (fold(known).equals(folded)) {
                return known;
            }
        }
        String best = null;
        int bestDistance = 3;
        for (String known : knownKeys) {
            int distance = editDistance(key.toLowerCase(Locale.ROOT), known);
            if (distance < bestDistance) {
                best = known;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static String fold(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
