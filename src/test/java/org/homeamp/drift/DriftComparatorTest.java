package org.homeamp.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.homeamp.baseline.Rules;
import org.homeamp.baseline.RulesParser;
import org.homeamp.formats.CompareMode;
import org.homeamp.formats.ConfigParser;
import org.homeamp.formats.ParsedConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DriftComparatorTest {
    private final ConfigParser parser = new ConfigParser();
    private final SecretMasker masker = SecretMasker.withRandomKey();
    private final DriftComparator comparator =
            new DriftComparator(Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC), masker);

    private ParsedConfig yaml(String text) {
        return parser.parse("config.yml", text.getBytes(StandardCharsets.UTF_8));
    }

    private List<Finding> compare(String expected, String actual, CompareMode mode, Rules rules) {
        return comparator.compare("srv", "Survival01", "plugins/X/config.yml", yaml(expected), yaml(actual), mode, rules);
    }

    private List<Finding> compare(String expected, String actual) {
        return compare(expected, actual, CompareMode.SUBSET, Rules.empty());
    }

    private static Rules rules(String yaml) {
        return new RulesParser().parse("rules.yml", yaml);
    }

    // ---- noise that never counts ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "comments|# header\\na: 1 # trailing\\n|a: 1\\n",
        "key order|a: 1\\nb: 2\\n|b: 2\\na: 1\\n",
        "quoting|a: hello\\nb: 'x'\\n|a: \"hello\"\\nb: x\\n",
        "indentation|s:\\n    a: 1\\n    l:\\n    - x\\n|s:\\n  a: 1\\n  l:\\n  - x\\n",
        "flow vs block|s: {a: 1}\\nl: [x, y]\\n|s:\\n  a: 1\\nl:\\n  - x\\n  - y\\n",
        "one vs one point zero|a: 1\\n|a: 1.0\\n",
        "quoted boolean|enforceaccess: false\\n|enforceaccess: 'false'\\n",
        "quoted number|port: 20\\n|port: '20'\\n",
        "yes is true|a: true\\nb: false\\n|a: yes\\nb: off\\n",
        "on is true|a: on\\n|a: true\\n"})
    void noiseGivesNoFindings(String noise, String expected, String actual) {
        assertThat(compare(expected.replace("\\n", "\n"), actual.replace("\\n", "\n"), CompareMode.EXACT, Rules.empty()))
                .as(noise).isEmpty();
    }

    @Test
    void crlfAndBomGiveNoFindings() {
        ParsedConfig expected = yaml("a: 1\nb:\n  c: x\n");
        byte[] crlfBom = "\uFEFFa: 1\r\nb:\r\n  c: x\r\n".getBytes(StandardCharsets.UTF_8);

        List<Finding> findings = comparator.compare("srv", "i", "config.yml", expected,
                parser.parse("config.yml", crlfBom), CompareMode.EXACT, Rules.empty());

        assertThat(findings).isEmpty();
    }

    // ---- one test per finding kind ----

    @Test
    void changedValueIsOneFindingWithBothValues() {
        List<Finding> findings = compare("storage:\n  pool:\n    max: 10\n", "storage:\n  pool:\n    max: 20\n");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.CHANGED);
            assertThat(f.key()).isEqualTo("storage.pool.max");
            assertThat(f.expected()).isEqualTo("10");
            assertThat(f.actual()).isEqualTo("20");
            assertThat(f.file()).isEqualTo("plugins/X/config.yml");
        });
    }

    @Test
    void missingKeyIsReportedOnceForAMissingSection() {
        List<Finding> findings = compare("a: 1\nsection:\n  x: 1\n  y: 2\n", "a: 1\n");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.MISSING_KEY);
            assertThat(f.key()).isEqualTo("section");
            assertThat(f.actual()).isNull();
        });
    }

    @Test
    void extraKeysOnlyInExactMode() {
        String expected = "a: 1\n";
        String actual = "a: 1\nextra:\n  b: 2\n";

        assertThat(compare(expected, actual, CompareMode.SUBSET, Rules.empty())).isEmpty();
        assertThat(compare(expected, actual, CompareMode.EXACT, Rules.empty())).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.EXTRA_KEY);
            assertThat(f.key()).isEqualTo("extra");
            assertThat(f.expected()).isNull();
            assertThat(f.actual()).isEqualTo("{b: 2}");
        });
    }

    @Test
    void missingFileIsOneFinding() {
        List<Finding> findings = comparator.compare("srv", "i", "bukkit.yml", yaml("a: 1\n"), null, CompareMode.SUBSET, Rules.empty());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.MISSING_FILE);
            assertThat(f.key()).isEmpty();
        });
    }

    @Test
    void unparseableActualIsOneFindingWithLineAndColumn() {
        List<Finding> findings = compare("a: 1\n", "a: 1\nb: [\n");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.UNPARSEABLE);
            assertThat(f.line()).isEqualTo(3);
            assertThat(f.column()).isNotNull();
            assertThat(f.message()).contains("line 3");
        });
    }

    @Test
    void mapWhereAListIsExpectedIsATypeMismatch() {
        List<Finding> findings = compare("worlds:\n  - world\n  - nether\n", "worlds:\n  world: true\n");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.TYPE_MISMATCH);
            assertThat(f.key()).isEqualTo("worlds");
            assertThat(f.message()).isEqualTo("expected a list, found a map");
        });
    }

    @Test
    void listWhereAMapIsExpectedIsATypeMismatch() {
        List<Finding> findings = compare("worlds:\n  world: true\n", "worlds:\n  - world\n");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.TYPE_MISMATCH);
            assertThat(f.message()).isEqualTo("expected a map, found a list");
        });
    }

    @Test
    void scalarWhereAMapIsExpectedIsATypeMismatch() {
        assertThat(compare("a:\n  b: 1\n", "a: 1\n")).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(FindingKind.TYPE_MISMATCH));
        assertThat(compare("a: 1\n", "a:\n  b: 1\n")).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(FindingKind.TYPE_MISMATCH));
    }

    // ---- lists ----

    @Test
    void changedListIsOneFindingOnTheListPath() {
        List<Finding> findings = compare("components:\n  - class: A\n  - class: B\n", "components:\n  - class: A\n  - class: C\n");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.CHANGED);
            assertThat(f.key()).isEqualTo("components");
            assertThat(f.expected()).isEqualTo("[{class: A}, {class: B}]");
            assertThat(f.actual()).isEqualTo("[{class: A}, {class: C}]");
        });
    }

    @Test
    void listOrderCountsUnlessTheRulesSayUnordered() {
        String expected = "worlds: [world, nether, end]\n";
        String actual = "worlds: [end, world, nether]\n";

        assertThat(compare(expected, actual)).hasSize(1);
        assertThat(compare(expected, actual, CompareMode.SUBSET,
                rules("files:\n  - files: \"plugins/*/config.yml\"\n    lists: unordered\n"))).isEmpty();
        assertThat(compare(expected, "worlds: [end, world, world]\n", CompareMode.SUBSET,
                rules("files:\n  - files: \"**\"\n    lists: unordered\n"))).hasSize(1);
    }

    // ---- text and properties ----

    @Test
    void textFilesCompareAsNormalisedText() {
        ParsedConfig expected = parser.parse("eula.txt", "eula=true\n".getBytes(StandardCharsets.UTF_8));
        ParsedConfig same = parser.parse("eula.txt", "eula=true\r\n".getBytes(StandardCharsets.UTF_8));
        ParsedConfig other = parser.parse("eula.txt", "eula=false\n".getBytes(StandardCharsets.UTF_8));

        assertThat(comparator.compare("s", "i", "eula.txt", expected, same, CompareMode.SUBSET, Rules.empty())).isEmpty();
        assertThat(comparator.compare("s", "i", "eula.txt", expected, other, CompareMode.SUBSET, Rules.empty()))
                .singleElement().satisfies(f -> {
                    assertThat(f.kind()).isEqualTo(FindingKind.CHANGED);
                    assertThat(f.key()).isEmpty();
                });
    }

    @Test
    void propertiesKeysAreReportedAsWritten() {
        ParsedConfig expected = parser.parse("server.properties", "max-players=20\nquery.port=25565\n".getBytes(StandardCharsets.UTF_8));
        ParsedConfig actual = parser.parse("server.properties", "query.port=25566\nmax-players=20\nmotd=Hi\n".getBytes(StandardCharsets.UTF_8));

        List<Finding> findings = comparator.compare("s", "i", "server.properties", expected, actual, CompareMode.EXACT, Rules.empty());

        assertThat(findings).extracting(Finding::key, Finding::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("query.port", FindingKind.CHANGED),
                        org.assertj.core.groups.Tuple.tuple("motd", FindingKind.EXTRA_KEY));
    }

    // ---- rules ----

    @Test
    void ignoredKeysAndSectionsGiveNoFindings() {
        Rules rules = rules("ignore:\n  - files: \"plugins/*/config.yml\"\n    keys: [\"config-version\", \"stats\"]\n"
                + "    reason: plugins rewrite these\n");

        List<Finding> findings = compare("config-version: 1\nstats:\n  a: 1\nkept: 1\n",
                "config-version: 2\nstats:\n  a: 2\nkept: 2\n", CompareMode.SUBSET, rules);

        assertThat(findings).extracting(Finding::key).containsExactly("kept");
    }

    @Test
    void ignoreRuleForAnotherFileDoesNotApply() {
        Rules rules = rules("ignore:\n  - files: \"server.properties\"\n    keys: [\"**\"]\n    reason: r\n");

        assertThat(compare("a: 1\n", "a: 2\n", CompareMode.SUBSET, rules)).hasSize(1);
    }

    @Test
    void expiredIgnoreRuleStopsApplying() {
        Rules expired = rules("ignore:\n  - keys: [a]\n    reason: temporary\n    until: 2026-11-24\n");
        Rules lastDay = rules("ignore:\n  - keys: [a]\n    reason: temporary\n    until: 2026-11-25\n");

        assertThat(compare("a: 1\n", "a: 2\n", CompareMode.SUBSET, expired)).hasSize(1);
        assertThat(compare("a: 1\n", "a: 2\n", CompareMode.SUBSET, lastDay)).isEmpty();
    }

    @Test
    void plantedSecretsAppearOnlyAsFingerprints() {
        Rules rules = rules("secrets:\n  keys: [\"**.password\", \"**webhook**\", \"rcon.password\"]\n");
        String expected = "database:\n  password: Expected-Hunter2\ndiscord:\n  webhook-url: https://example.invalid/EXPECTEDHOOK\n"
                + "servers:\n  - name: a\n    password: ListPass-1\n";
        String actual = "database:\n  password: Actual-Hunter3\ndiscord:\n  webhook-url: https://example.invalid/ACTUALHOOK\n"
                + "servers:\n  - name: a\n    password: ListPass-2\nextra:\n  password: Extra-Pass-9\n";

        List<Finding> findings = compare(expected, actual, CompareMode.EXACT, rules);

        assertThat(findings).extracting(Finding::key)
                .containsExactlyInAnyOrder("database.password", "discord.webhook-url", "servers", "extra");
        for (Finding f : findings) {
            String all = f.expected() + " " + f.actual() + " " + f.message();
            assertThat(all).doesNotContain("Hunter2", "Hunter3", "EXPECTEDHOOK", "ACTUALHOOK", "ListPass", "Extra-Pass");
        }
        Finding password = findings.stream().filter(f -> f.key().equals("database.password")).findFirst().orElseThrow();
        assertThat(password.expected()).isEqualTo(masker.fingerprint("Expected-Hunter2")).startsWith("secret:sha256:");
        assertThat(password.actual()).isNotEqualTo(password.expected());
    }

    @Test
    void propertiesSecretIsMasked() {
        Rules rules = rules("secrets:\n  keys: [\"rcon.password\"]\n");
        ParsedConfig expected = parser.parse("server.properties", "rcon.password=\n".getBytes(StandardCharsets.UTF_8));
        ParsedConfig actual = parser.parse("server.properties", "rcon.password=s3cr3t-rcon\n".getBytes(StandardCharsets.UTF_8));

        List<Finding> findings = comparator.compare("s", "i", "server.properties", expected, actual, CompareMode.SUBSET, rules);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.actual()).startsWith(SecretMasker.PREFIX).doesNotContain("s3cr3t");
        });
    }

    // ---- identity ----

    @Test
    void stableIdDependsOnIdentityNotValues() {
        Finding a = new Finding("s", "i", "f.yml", "a.b", FindingKind.CHANGED, "1", "2", null, null, "m");
        Finding b = new Finding("s", "i", "f.yml", "a.b", FindingKind.CHANGED, "1", "3", null, null, "other");
        Finding c = new Finding("s", "i", "f.yml", "a.b", FindingKind.MISSING_KEY, "1", null, null, null, "m");

        assertThat(a.stableId()).isEqualTo(b.stableId()).hasSize(12).matches("[0-9a-f]+");
        assertThat(a.stableId()).isNotEqualTo(c.stableId());
        // pinned so that a change of the hash input (which would reopen every finding) is noticed
        assertThat(a.stableId()).isEqualTo(new Finding("s", "i", "f.yml", "a.b", FindingKind.CHANGED, null, null, null, null, "").stableId());
    }
}
