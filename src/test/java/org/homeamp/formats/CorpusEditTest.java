package org.homeamp.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.homeamp.formats.ConfigFormat;
import org.homeamp.formats.ConfigParser;
import org.homeamp.formats.KeyPath;
import org.homeamp.formats.ListOrder;
import org.homeamp.formats.ParsedConfig;
import org.homeamp.formats.Values;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every YAML, {@code .properties}, JSON and TOML file of {@code ../shared/corpus/configs}, read in place:
 * for a sample of keys of each kind (text, boolean, integer, decimal, nested, list item) the value is
 * changed, and a missing key is inserted at the top and into a nested map. Each result is re-read with
 * the scan's parser here, independently of the editor's own proof, and compared line by line with the
 * original. Skipped when the corpus is absent.
 */
class CorpusEditTest {
    private static final Path CONFIGS = Path.of("../shared/corpus/configs");
    private static final String PROBE = "homeamp-edit-probe";
    /** Refusals the editor makes on purpose; anything else would be an editor bug. */
    private static final List<String> DELIBERATE = List.of("anchor or alias", "merge key", "keep-chomped",
            "array of tables", "explicit YAML tag", "TOML list items");

    private static final java.util.concurrent.atomic.AtomicInteger EDITS = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger REFUSED = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger INSERTS = new java.util.concurrent.atomic.AtomicInteger();
    private static final List<String> REFUSALS = java.util.Collections.synchronizedList(new ArrayList<>());

    private final ConfigParser parser = new ConfigParser();
    private final ConfigEditor editor = new ConfigEditor(parser);

    @org.junit.jupiter.api.AfterAll
    static void mostSampledKeysWereEdited() {
        if (!Files.isDirectory(CONFIGS)) {
            return;
        }
        // The corpus of 2026-12 gives 1480 edits and 289 insertions; the editor refuses none of them.
        String counts = "edits " + EDITS + ", deliberate refusals " + REFUSED + ", insertions " + INSERTS + "; refused: " + REFUSALS;
        assertThat(EDITS.get()).as(counts).isGreaterThan(1000);
        assertThat(INSERTS.get()).as(counts).isGreaterThan(250);
        assertThat(REFUSALS).as(counts).hasSize(0);
    }

    @TestFactory
    Stream<DynamicTest> everyStructuredCorpusFileTakesMinimalEdits() throws IOException {
        assumeTrue(Files.isDirectory(CONFIGS), "corpus not present at " + CONFIGS.toAbsolutePath());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CONFIGS)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> ConfigFormat.of(relative(p)) != ConfigFormat.TEXT)
                    .sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(100);
        return files.stream().map(p -> DynamicTest.dynamicTest(relative(p), () -> editsOf(p)));
    }

    private static String relative(Path file) {
        return CONFIGS.relativize(file).toString().replace('\\', '/');
    }

    private void editsOf(Path path) throws IOException {
        String file = relative(path);
        byte[] original = Files.readAllBytes(path);
        ParsedConfig before = parser.parse(file, original);
        List<ValueChange> probe = List.of(new ValueChange(KeyPath.parse(PROBE), "x"));
        if (!before.isParseable()) {
            assertThat(refusal(file, original, probe)).contains("cannot be read");
            return;
        }
        boolean properties = before.format() == ConfigFormat.PROPERTIES;
        List<Sample> samples = samples(before.tree(), properties);
        int edited = 0;
        for (Sample sample : samples) {
            edited += changeOne(file, original, before, sample, properties) ? 1 : 0;
        }
        assertThat(edited).as("edits made in %s out of %s samples", file, samples.size())
                .isGreaterThanOrEqualTo(samples.isEmpty() ? 0 : 1);
        if (before.tree() == null || before.tree() instanceof Map) {
            insertOne(file, original, before, KeyPath.ofPropertiesKey(PROBE), "inserted value");
        }
        KeyPath nested = firstNestedMap(before.tree(), KeyPath.root());
        if (!properties && nested != null) {
            insertOne(file, original, before, nested.child(PROBE), 42L);
        }
    }

    private record Sample(KeyPath key, List<Object> treePath, Object oldValue, Object newValue) {
    }

    private boolean changeOne(String file, byte[] original, ParsedConfig before, Sample sample, boolean properties) {
        List<ValueChange> change = List.of(new ValueChange(sample.key(), sample.newValue()));
        EditedFile result;
        try {
            result = editor.apply(file, original, change);
        } catch (EditRefusedException e) {
            assertThat(DELIBERATE).as("refusal in %s at %s: %s", file, sample.key(), e.getMessage())
                    .anyMatch(e.reason()::contains);
            REFUSED.incrementAndGet();
            REFUSALS.add(file + " " + sample.key() + ": " + e.reason());
            return false;
        }
        assertThat(result.changed()).containsExactly(sample.key());
        ParsedConfig after = parser.parse(file, result.bytes());
        assertThat(after.isParseable()).as(after.toString()).isTrue();
        assertThat(Values.semanticEquals(get(after.tree(), sample.treePath()), sample.newValue(), ListOrder.ORDERED))
                .as("%s %s now holds the new value", file, sample.key()).isTrue();
        assertThat(without(after.tree(), sample.treePath())).as("%s: nothing but %s changed", file, sample.key())
                .isEqualTo(without(before.tree(), sample.treePath()));
        int[] region = changedLines(original, result.bytes());
        EDITS.incrementAndGet();
        int allowed = sample.oldValue() instanceof String s ? 2 + (int) s.chars().filter(c -> c == '\n').count() : 1;
        int allowedNew = sample.newValue() instanceof String s ? 2 + (int) s.chars().filter(c -> c == '\n').count() : 1;
        assertThat(region[0]).as("%s %s: original lines changed", file, sample.key()).isBetween(1, allowed);
        assertThat(region[1]).as("%s %s: lines in their place", file, sample.key()).isBetween(1, allowedNew);
        return true;
    }

    private void insertOne(String file, byte[] original, ParsedConfig before, KeyPath key, Object value) {
        boolean properties = before.format() == ConfigFormat.PROPERTIES;
        List<Object> treePath = properties ? List.of(PropertiesEditor.flatKey(key)) : key.segments();
        EditedFile result;
        try {
            result = editor.apply(file, original, List.of(new ValueChange(key, value)));
        } catch (EditRefusedException e) {
            assertThat(DELIBERATE).as("refusal in %s at %s: %s", file, key, e.getMessage()).anyMatch(e.reason()::contains);
            REFUSED.incrementAndGet();
            REFUSALS.add(file + " " + key + ": " + e.reason());
            return;
        }
        INSERTS.incrementAndGet();
        ParsedConfig after = parser.parse(file, result.bytes());
        assertThat(get(after.tree(), treePath)).as("%s %s inserted", file, key).isEqualTo(value);
        assertThat(without(after.tree(), treePath)).isEqualTo(without(before.tree(), treePath));
        // A file without a final line break gets one before the new last line.
        String text = new String(original, StandardCharsets.UTF_8);
        String eol = text.contains("\r\n") ? "\r\n" : "\n";
        boolean breakAdded = !text.isEmpty() && !text.endsWith("\n")
                && new String(result.bytes(), StandardCharsets.UTF_8).startsWith(text + eol);
        byte[] reference = breakAdded ? (text + eol).getBytes(StandardCharsets.UTF_8) : original;
        int[] region = changedLines(reference, result.bytes());
        // One new line; or one line rewritten where the parent is a one-line {…} or {} map.
        assertThat(region).as("%s %s: lines changed / written", file, key).satisfiesAnyOf(
                r -> assertThat(r).containsExactly(0, 1), r -> assertThat(r).containsExactly(1, 1));
    }

    private String refusal(String file, byte[] original, List<ValueChange> change) {
        try {
            editor.apply(file, original, change);
        } catch (EditRefusedException e) {
            return e.getMessage();
        }
        return "not refused";
    }

    /** Lines of the original and of the result between the common first and last lines. */
    static int[] changedLines(byte[] before, byte[] after) {
        String[] a = new String(before, StandardCharsets.UTF_8).split("\n", -1);
        String[] b = new String(after, StandardCharsets.UTF_8).split("\n", -1);
        int prefix = 0;
        while (prefix < a.length && prefix < b.length && a[prefix].equals(b[prefix])) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.length - prefix && suffix < b.length - prefix
                && a[a.length - 1 - suffix].equals(b[b.length - 1 - suffix])) {
            suffix++;
        }
        return new int[] {a.length - prefix - suffix, b.length - prefix - suffix};
    }

    /** Up to two keys of each kind, first and last in file order, each with a value that differs by construction. */
    private static List<Sample> samples(Object tree, boolean properties) {
        Map<String, List<Sample>> byKind = new LinkedHashMap<>();
        collect(tree, KeyPath.root(), new ArrayList<>(), properties, byKind);
        List<Sample> out = new ArrayList<>();
        byKind.values().forEach(list -> {
            out.add(list.get(0));
            if (list.size() > 1) {
                out.add(list.get(list.size() - 1));
            }
        });
        return out;
    }

    private static void collect(Object node, KeyPath key, List<Object> path, boolean properties, Map<String, List<Sample>> byKind) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                String name = String.valueOf(k);
                path.add(name);
                collect(v, properties ? KeyPath.ofPropertiesKey(name) : key.child(name), path, properties, byKind);
                path.remove(path.size() - 1);
            });
            return;
        }
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                path.add(i);
                collect(list.get(i), key.index(i), path, properties, byKind);
                path.remove(path.size() - 1);
            }
            return;
        }
        Object changed = changed(node);
        if (changed == null) {
            return;
        }
        String kind = path.get(path.size() - 1) instanceof Integer ? "list item"
                : path.size() >= 3 ? "nested " + node.getClass().getSimpleName() : node.getClass().getSimpleName();
        byKind.computeIfAbsent(kind, x -> new ArrayList<>()).add(new Sample(key, List.copyOf(path), node, changed));
    }

    private static Object changed(Object value) {
        if (value instanceof String s) {
            return s + "-edited";
        }
        if (value instanceof Boolean b) {
            return !b;
        }
        if (value instanceof Long n) {
            return n + 1;
        }
        if (value instanceof BigInteger n) {
            return n.add(BigInteger.ONE);
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? null : d + 1.5;
        }
        if (value instanceof BigDecimal d) {
            return d.add(new BigDecimal("1.5"));
        }
        return null;
    }

    private static KeyPath firstNestedMap(Object node, KeyPath key) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getValue() instanceof Map<?, ?>) {
                    return key.child(String.valueOf(entry.getKey()));
                }
            }
        }
        return null;
    }

    private static Object get(Object tree, List<Object> path) {
        Object node = tree;
        for (Object segment : path) {
            node = segment instanceof Integer i ? ((List<?>) node).get(i) : ((Map<?, ?>) node).get(segment);
        }
        return node;
    }

    /** The tree with the value at the path replaced by a marker, so two trees compare on everything else. */
    @SuppressWarnings("unchecked")
    private static Object without(Object tree, List<Object> path) {
        Object copy = tree == null ? new LinkedHashMap<String, Object>() : EditProof.deepCopy(tree);
        Object node = copy;
        for (int i = 0; i < path.size() - 1; i++) {
            Object segment = path.get(i);
            node = segment instanceof Integer n ? ((List<Object>) node).get(n) : ((Map<String, Object>) node).get(segment);
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer n) {
            ((List<Object>) node).set(n, "<edited>");
        } else {
            ((Map<String, Object>) node).remove(last);
        }
        return Objects.requireNonNull(copy);
    }
}
