package org.homeamp.drift;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.homeamp.baseline.ExpectedFile;
import org.homeamp.baseline.Rules;
import org.homeamp.formats.CompareMode;
import org.homeamp.formats.ConfigFormat;
import org.homeamp.formats.ConfigParser;
import org.homeamp.formats.KeyPath;
import org.homeamp.formats.ListOrder;
import org.homeamp.formats.ParsedConfig;
import org.homeamp.formats.Values;

/**
 * Compares an instance's file with its expected file, semantically and per key path (SPEC §7).
 * Comments, key order, quoting, indentation, line endings and a BOM never count because both sides
 * are compared as parsed trees; scalars compare as the server would read them (see {@link Values}).
 *
 * <p>Lists are one value: a changed list gives one {@link FindingKind#CHANGED} finding on the list's
 * path, in order unless {@code rules.yml} says {@code lists: unordered} for the file. A map where a
 * list is expected, or a container where a scalar is expected (and back), is a
 * {@link FindingKind#TYPE_MISMATCH}. Ignore rules drop findings here, and secret values are replaced
 * by fingerprints here, so nothing downstream ever holds a clear secret.
 *
 * <p>Stateless apart from the clock that decides whether an {@code until} date has passed.
 */
public final class DriftComparator {
    private final Clock clock;
    private final SecretMasker masker;

    /**
     * There is no default key: a comparator with a key of its own would give fingerprints that match no
     * other run's, so every caller passes the installation's.
     *
     * @param clock  decides whether an {@code until} date has passed
     * @param masker the installation's fingerprint key ({@link SecretMasker#forStateDir}), so fingerprints compare across runs
     */
    public DriftComparator(Clock clock, SecretMasker masker) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.masker = Objects.requireNonNull(masker, "masker");
    }

    /**
     * Compares a rendered expected file with the instance's file, in the mode {@code rules.yml} gives
     * for the path, adding its {@link FindingKind#UNRESOLVED_VARIABLE} findings. A value that holds an
     * unresolved placeholder is not also reported as changed: the operator's fix is the variable.
     *
     * @param actual the instance's file, or null when it does not exist
     */
    public List<Finding> compare(String server, String instance, ExpectedFile expected, ParsedConfig actual, Rules rules) {
        LocalDate today = LocalDate.now(clock);
        List<Finding> findings = new ArrayList<>();
        for (ExpectedFile.UnresolvedKey key : expected.unresolvedByKey()) {
            if (!rules.isIgnored(expected.path(), key.keyPath(), today)) {
                findings.add(unresolvedFinding(server, instance, expected.path(), key));
            }
        }
        Set<String> unresolvedKeys = new HashSet<>(expected.unresolvedKeys());
        for (Finding finding : compare(server, instance, expected.path(), expected.content(), actual,
                rules.modeFor(expected.path()), rules)) {
            boolean hiddenByVariable = unresolvedKeys.contains(finding.key())
                    && (finding.kind() == FindingKind.CHANGED || finding.kind() == FindingKind.TYPE_MISMATCH);
            if (!hiddenByVariable) {
                findings.add(finding);
            }
        }
        return findings;
    }

    /** One {@link FindingKind#UNRESOLVED_VARIABLE} finding for the placeholders of one key path. */
    static Finding unresolvedFinding(String server, String instance, String file, ExpectedFile.UnresolvedKey key) {
        List<String> names = key.variables();
        return new Finding(server, instance, file, key.keyPath(), FindingKind.UNRESOLVED_VARIABLE,
                String.join(", ", names.stream().map(n -> "{{" + n + "}}").toList()), null, null, null,
                "no value for " + String.join(", ", names) + " on instance " + instance
                        + "; set it in the variables sheet (instance row, one of its groups, or '*')");
    }

    /**
     * Compares two parsed files.
     *
     * @param file     instance-relative path, used in findings and to match rules
     * @param expected must be parseable (baselines are validated before a run starts)
     * @param actual   the instance's file, or null when it does not exist
     */
    public List<Finding> compare(String server, String instance, String file, ParsedConfig expected, ParsedConfig actual,
                                 CompareMode mode, Rules rules) {
        Objects.requireNonNull(expected, "expected");
        if (!expected.isParseable()) {
            throw new IllegalArgumentException("expected file " + file + " is unparseable: " + expected.error());
        }
        Walk walk = new Walk(server, instance, file, mode, rules, LocalDate.now(clock), expected.format() == ConfigFormat.PROPERTIES, masker);
        if (actual == null) {
            walk.add(KeyPath.root(), FindingKind.MISSING_FILE, null, null, "file is missing on the instance");
        } else if (!actual.isParseable()) {
            if (!rules.isIgnored(file, "", walk.today)) {
                String where = actual.line() == null ? "" : " (line " + actual.line()
                        + (actual.column() == null ? "" : ", column " + actual.column()) + ")";
                walk.findings.add(new Finding(server, instance, file, "", FindingKind.UNPARSEABLE, null, null,
                        actual.line(), actual.column(), actual.error() + where));
            }
        } else if (expected.isText() || actual.isText()) {
            String expectedText = expected.isText() ? expected.text() : String.valueOf(expected.tree());
            String actualText = actual.isText() ? actual.text() : String.valueOf(actual.tree());
            if (!ConfigParser.normaliseLineEndings(expectedText).equals(ConfigParser.normaliseLineEndings(actualText))) {
                walk.add(KeyPath.root(), FindingKind.CHANGED, expectedText, actualText, "file content differs from the expected file");
            }
        } else {
            walk.compare(KeyPath.root(), rootOf(expected), rootOf(actual));
        }
        return walk.findings;
    }

    /** An empty YAML document is an empty configuration, as Bukkit loads it. */
    private static Object rootOf(ParsedConfig config) {
        return config.tree() == null ? new LinkedHashMap<String, Object>() : config.tree();
    }

    /** One comparison's state. */
    private static final class Walk {
        final String server;
        final String instance;
        final String file;
        final CompareMode mode;
        final Rules rules;
        final LocalDate today;
        final boolean flatKeys;
        final ListOrder lists;
        final SecretMasker masker;
        final List<Finding> findings = new ArrayList<>();

        Walk(String server, String instance, String file, CompareMode mode, Rules rules, LocalDate today, boolean flatKeys, SecretMasker masker) {
            this.masker = masker;
            this.server = server;
            this.instance = instance;
            this.file = file;
            this.mode = mode;
            this.rules = rules;
            this.today = today;
            this.flatKeys = flatKeys;
            this.lists = rules.listsFor(file);
        }

        KeyPath child(KeyPath parent, String key) {
            return flatKeys && parent.isRoot() ? KeyPath.ofPropertiesKey(key) : parent.child(key);
        }

        void compare(KeyPath path, Object expected, Object actual) {
            if (rules.isIgnored(file, path.toString(), today)) {
                return;
            }
            if (expected instanceof Map<?, ?> expectedMap && actual instanceof Map<?, ?> actualMap) {
                for (Map.Entry<?, ?> entry : expectedMap.entrySet()) {
                    String key = (String) entry.getKey();
                    KeyPath child = child(path, key);
                    if (actualMap.containsKey(key)) {
                        compare(child, entry.getValue(), actualMap.get(key));
                    } else {
                        add(child, FindingKind.MISSING_KEY, entry.getValue(), null, "key is missing; the expected file sets it");
                    }
                }
                if (mode == CompareMode.EXACT) {
                    for (Map.Entry<?, ?> entry : actualMap.entrySet()) {
                        if (!expectedMap.containsKey(entry.getKey())) {
                            add(child(path, (String) entry.getKey()), FindingKind.EXTRA_KEY, null, entry.getValue(),
                                    "key is not in the expected file (exact mode)");
                        }
                    }
                }
                return;
            }
            boolean sameShape = expected instanceof List<?> == actual instanceof List<?>
                    && expected instanceof Map<?, ?> == actual instanceof Map<?, ?>;
            if (!sameShape) {
                add(path, FindingKind.TYPE_MISMATCH, expected, actual,
                        "expected " + Values.describe(expected) + ", found " + Values.describe(actual));
            } else if (!Values.semanticEquals(expected, actual, lists)) {
                add(path, FindingKind.CHANGED, expected, actual,
                        expected instanceof List<?> ? "list differs from the expected file" : "value differs from the expected file");
            }
        }

        void add(KeyPath path, FindingKind kind, Object expected, Object actual, String message) {
            String key = path.toString();
            if (rules.isIgnored(file, key, today)) {
                return;
            }
            findings.add(new Finding(server, instance, file, key, kind, show(expected, path, kind, true),
                    show(actual, path, kind, false), null, null, message));
        }

        private String show(Object value, KeyPath path, FindingKind kind, boolean expectedSide) {
            boolean absent = expectedSide ? kind == FindingKind.EXTRA_KEY || kind == FindingKind.MISSING_FILE
                    : kind == FindingKind.MISSING_KEY || kind == FindingKind.MISSING_FILE;
            if (absent) {
                return null;
            }
            return ValueDisplay.display(value, path, flatKeys && path.isRoot(), rules::isSecret, masker);
        }
    }
}
