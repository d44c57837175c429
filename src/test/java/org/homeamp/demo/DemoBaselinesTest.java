package org.homeamp.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The example baselines in the repository's {@code baselines/}: shipped with the demo network, well
 * formed, fully covered by the demo's variables, and, scanned with a deliberately small subset
 * comparison, producing exactly the findings of {@code demo/expected-drift.tsv}.
 */
class DemoBaselinesTest {
    private static final Path REPO_BASELINES = Path.of("baselines");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    @TempDir
    static Path shared;
    private static DemoNetwork network;
    private static List<Map<String, String>> variableRows;

    @BeforeAll
    static void generateDefaultNetwork() throws IOException {
        network = new DemoNetworkGenerator().generate(shared.resolve("demo"), DemoNetworkGenerator.DEFAULT_INSTANCES,
                DemoNetworkGenerator.DEFAULT_PLUGINS, false);
        variableRows = readCsv(Files.readString(network.dir().resolve("Master_Variable_Configurations.csv")));
    }

    // ---------------------------------------------------------------- shipping

    @Test
    void indexListsExactlyTheFilesOfTheBaselinesFolder() throws IOException {
        assertThat(DemoNetworkGenerator.baselineFiles()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(filesUnder(REPO_BASELINES));
    }

    @Test
    void demoNetworkBaselinesAreTheRepositoryBaselinesByteForByte() throws IOException {
        Path demoBaselines = network.dir().resolve("baselines");

        Set<String> repoFiles = filesUnder(REPO_BASELINES);
        assertThat(filesUnder(demoBaselines)).isEqualTo(repoFiles);
        for (String file : repoFiles) {
            assertThat(Files.mismatch(REPO_BASELINES.resolve(file), demoBaselines.resolve(file))).as(file).isEqualTo(-1L);
        }
        assertThat(demoBaselines.resolve("README.txt")).doesNotExist();
        assertThat(network.dir().resolve("registry/README.txt")).isRegularFile();
    }

    // ---------------------------------------------------------------- well formed

    @Test
    void everyBaselineYamlParsesOnceItsPlaceholdersAreFilled() throws IOException {
        for (String file : filesUnder(REPO_BASELINES)) {
            if (file.endsWith(".yml")) {
                String text = PLACEHOLDER.matcher(Files.readString(REPO_BASELINES.resolve(file))).replaceAll("42");
                Object document = yaml().load(text);
                assertThat(document).as(file).isInstanceOf(Map.class);
            }
        }
    }

    @Test
    void everyBaselinePropertiesFileLoadsAndUsesOnlyQuotedPlaceholdersInYaml() throws IOException {
        for (String file : filesUnder(REPO_BASELINES)) {
            String text = Files.readString(REPO_BASELINES.resolve(file), StandardCharsets.UTF_8);
            if (file.endsWith(".properties")) {
                Properties properties = new Properties();
                properties.load(new StringReader(text));
                assertThat(properties).as(file).isNotEmpty();
            } else if (file.endsWith(".yml")) {
                // Unquoted, {{x}} is a YAML flow mapping: the drift scan would call the baseline malformed.
                assertThat(text).as(file).doesNotContainPattern(":\\s+\\{\\{");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void rulesGiveEveryIgnoreAReasonAndMaskThePlantedSecrets() throws IOException {
        Map<String, Object> rules = yaml().load(Files.readString(REPO_BASELINES.resolve("rules.yml")));
        assertThat(rules).containsOnlyKeys("ignore", "secrets", "files");
        List<Map<String, Object>> ignores = (List<Map<String, Object>>) rules.get("ignore");
        assertThat(ignores).allSatisfy(rule -> assertThat((String) rule.get("reason")).isNotBlank());
        Instant today = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThat(ignores).as("one expired rule, so the demo shows how an expired rule is reported")
                .anySatisfy(rule -> assertThat(rule.get("until")).isInstanceOfSatisfying(Date.class,
                        until -> assertThat(until.toInstant()).isBefore(today)));
        assertThat((List<String>) ((Map<String, Object>) rules.get("secrets")).get("keys"))
                .contains("rcon.password", "BotToken", "data.password", "mysql-password", "**webhook**", "**.password",
                        "**.token", "**.secret");
        assertThat((List<Map<String, Object>>) rules.get("files"))
                .allSatisfy(rule -> assertThat(rule.get("mode")).isIn("exact", "subset"));
    }

    // ---------------------------------------------------------------- variables

    @Test
    void everyPlaceholderHasAValueForEveryInstance() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String file : filesUnder(REPO_BASELINES)) {
            Matcher m = PLACEHOLDER.matcher(Files.readString(REPO_BASELINES.resolve(file)));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        assertThat(used).containsExactlyInAnyOrderElementsOf(DemoNetworkGenerator.VARIABLES);

        List<Map<String, String>> instances = instanceRows();
        assertThat(instances).hasSize(network.instances());
        for (Map<String, String> instance : instances) {
            for (String variable : used) {
                assertThat(lookup(instance, variable)).as(instance.get("instance") + " " + variable).isNotEmpty();
            }
        }
    }

    @Test
    void everyGroupAnInstanceListsHasAGroupRowOrAnOverlayFolder() {
        // Otherwise the variables reader takes the group for a typo and stops the run.
        for (Map<String, String> instance : instanceRows()) {
            for (String group : groups(instance)) {
                boolean row = variableRows.stream().anyMatch(r -> r.get("instance").equals("@" + group));
                assertThat(row || Files.isDirectory(REPO_BASELINES.resolve("groups").resolve(group)))
                        .as(instance.get("instance") + " lists group " + group).isTrue();
            }
        }
    }

    @Test
    void variablesPrecedenceIsInstanceThenGroupsThenDefault() {
        Map<String, String> survival = instanceRow("Survival01");
        Map<String, String> event = instanceRow("Event01");
        Map<String, String> lobby = instanceRow("Lobby01");

        assertThat(lookup(survival, "max-players")).isEqualTo("100");
        assertThat(lookup(event, "max-players")).isEqualTo("200");
        assertThat(lookup(lobby, "max-players")).isEqualTo("50");
        assertThat(lookup(lobby, "view-distance")).isEqualTo("8");
        assertThat(lookup(instanceRow("Skyblock01"), "view-distance")).isEqualTo("12");
    }

    // ---------------------------------------------------------------- the scan the demo promises

    @Test
    void aSubsetScanOfTheDemoFindsExactlyTheExpectedDrift() throws IOException {
        List<String> findings = scan(network, variableRows);

        List<String> expected = DemoNetworkGenerator.expectedDrift().stream()
                .map(f -> String.join("\t", f.server(), f.instance(), f.file(), f.key(), f.kind())).toList();
        assertThat(findings).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aLargerNetworkWithEveryPluginHasTheSameFindingsOnlyOnOtherHosts(@TempDir Path tmp) throws IOException {
        DemoNetwork large = new DemoNetworkGenerator().generate(tmp.resolve("large"), 13, 40, false);
        List<Map<String, String>> rows = readCsv(Files.readString(large.dir().resolve("Master_Variable_Configurations.csv")));

        List<String> findings = scan(large, rows);

        assertThat(rows).hasSize(large.instances() + 2);
        assertThat(findings.stream().map(f -> f.substring(f.indexOf('\t') + 1)).toList())
                .containsExactlyInAnyOrderElementsOf(DemoNetworkGenerator.expectedDrift().stream()
                        .map(f -> String.join("\t", f.instance(), f.file(), f.key(), f.kind())).toList());
    }

    @Test
    void driftMdListsEveryExpectedFinding() throws IOException {
        String driftMd = Files.readString(network.dir().resolve("DRIFT.md"));
        for (DemoNetworkGenerator.ExpectedFinding finding : DemoNetworkGenerator.expectedDrift()) {
            String key = finding.key().isEmpty() ? "(whole file)" : "`" + finding.key() + "`";
            assertThat(driftMd).contains("| " + finding.kind() + " | " + finding.server() + " | " + finding.instance()
                    + " | " + finding.file() + " | " + key + " |");
        }
        assertThat(network.planted()).anyMatch(p -> p.contains("finding TYPE_MISMATCH proxies"))
                .anyMatch(p -> p.contains("finding MISSING_KEY use-server-uuid-cache"));
    }

    // ---------------------------------------------------------------- the small scanner

    private List<String> scan(DemoNetwork net, List<Map<String, String>> rows) throws IOException {
        List<String> findings = new ArrayList<>();
        for (Map<String, String> instance : instanceRows(rows)) {
            scanInstance(net, rows, instance, findings);
        }
        return findings;
    }

    private void scanInstance(DemoNetwork net, List<Map<String, String>> rows, Map<String, String> instance,
                              List<String> findings) throws IOException {
        String name = instance.get("instance");
        Path gameDir = net.dir().resolve("hosts").resolve(instance.get("server")).resolve("instances")
                .resolve(name).resolve("Minecraft");
        List<String> layers = new ArrayList<>();
        layers.add("");
        for (String group : groups(instance)) {
            layers.add("groups/" + group + "/");
        }
        layers.add("instances/" + name + "/");

        Set<String> relativeFiles = new LinkedHashSet<>();
        for (String layer : layers) {
            for (String file : filesUnder(layer.isEmpty() ? REPO_BASELINES : REPO_BASELINES.resolve(layer))) {
                if (file.startsWith("server/") || file.startsWith("plugins/")) {
                    relativeFiles.add(file);
                }
            }
        }
        for (String baselineFile : relativeFiles) {
            String instanceFile = baselineFile.startsWith("server/") ? baselineFile.substring("server/".length()) : baselineFile;
            if (instanceFile.startsWith("plugins/")
                    && !Files.isDirectory(gameDir.resolve(instanceFile.substring(0, instanceFile.indexOf('/', 8))))) {
                continue;
            }
            Object expected = null;
            for (String layer : layers) {
                Path layerFile = REPO_BASELINES.resolve(layer + baselineFile);
                if (Files.isRegularFile(layerFile)) {
                    expected = merge(expected, read(layerFile.toString(), Files.readString(layerFile)));
                }
            }
            expected = fill(expected, rows, instance, !instanceFile.endsWith(".properties"));
            String where = String.join("\t", instance.get("server"), name, instanceFile);
            Path actualFile = gameDir.resolve(instanceFile);
            if (!Files.isRegularFile(actualFile)) {
                findings.add(where + "\t\tMISSING_FILE");
                continue;
            }
            Object actual;
            try {
                actual = read(instanceFile, Files.readString(actualFile));
            } catch (YAMLException e) {
                findings.add(where + "\t\tUNPARSEABLE");
                continue;
            }
            compare(where, "", expected, actual, instanceFile.endsWith(".properties"), findings);
        }
    }

    private static Object read(String name, String text) throws IOException {
        if (name.endsWith(".properties")) {
            Properties properties = new Properties();
            properties.load(new StringReader(text));
            Map<String, Object> map = new LinkedHashMap<>();
            properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
            return map;
        }
        return yaml().load(text);
    }

    /** Baseline first, overlays after: maps merge key by key, anything else is replaced. */
    @SuppressWarnings("unchecked")
    private static Object merge(Object base, Object overlay) {
        if (base instanceof Map<?, ?> baseMap && overlay instanceof Map<?, ?> overlayMap) {
            Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) baseMap);
            overlayMap.forEach((k, v) -> merged.put((String) k, merge(merged.get(k), v)));
            return merged;
        }
        return overlay;
    }

    /** A whole-scalar placeholder takes the variable's type (not in .properties, where all is text); inside text it is text. */
    private Object fill(Object value, List<Map<String, String>> rows, Map<String, String> instance, boolean typed) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> filled = new LinkedHashMap<>();
            map.forEach((k, v) -> filled.put(String.valueOf(k), fill(v, rows, instance, typed)));
            return filled;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> fill(v, rows, instance, typed)).toList();
        }
        if (value instanceof String text) {
            Matcher whole = PLACEHOLDER.matcher(text);
            if (typed && whole.matches()) {
                return typed(lookup(rows, instance, whole.group(1)));
            }
            return PLACEHOLDER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(lookup(rows, instance, m.group(1))));
        }
        return value;
    }

    private static Object typed(String value) {
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.valueOf(value);
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }

    /** Per key path, subset mode; a .properties key is one segment even when it holds dots. */
    private static void compare(String where, String path, Object expected, Object actual, boolean properties,
                                List<String> findings) {
        if (expected instanceof Map<?, ?> expectedMap) {
            if (!(actual instanceof Map<?, ?> actualMap)) {
                findings.add(where + "\t" + path + "\tTYPE_MISMATCH");
                return;
            }
            for (Map.Entry<?, ?> entry : expectedMap.entrySet()) {
                String key = String.valueOf(entry.getKey());
                String child = path.isEmpty() || properties ? key : path + "." + key;
                if (!actualMap.containsKey(key)) {
                    findings.add(where + "\t" + child + "\tMISSING_KEY");
                } else {
                    compare(where, child, entry.getValue(), actualMap.get(key), properties, findings);
                }
            }
        } else if ((expected instanceof List<?>) != (actual instanceof List<?>) || actual instanceof Map<?, ?>) {
            findings.add(where + "\t" + path + "\tTYPE_MISMATCH");
        } else if (!normalise(expected).equals(normalise(actual))) {
            findings.add(where + "\t" + path + "\tCHANGED");
        }
    }

    private static Object normalise(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(DemoBaselinesTest::normalise).toList();
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros();
        }
        return value;
    }

    // ---------------------------------------------------------------- variables lookup

    private static List<Map<String, String>> instanceRows() {
        return instanceRows(variableRows);
    }

    private static List<Map<String, String>> instanceRows(List<Map<String, String>> rows) {
        return rows.stream().filter(r -> !r.get("instance").equals("*") && !r.get("instance").startsWith("@")).toList();
    }

    private static Map<String, String> instanceRow(String name) {
        return instanceRows().stream().filter(r -> r.get("instance").equals(name)).findFirst().orElseThrow();
    }

    private static List<String> groups(Map<String, String> instance) {
        return Stream.of(instance.getOrDefault("groups", "").split(",")).map(String::strip).filter(g -> !g.isEmpty()).toList();
    }

    /** SPEC §7: the instance row, then its groups in order, then {@code *}; an empty cell is "not set". */
    private static String lookup(Map<String, String> instance, String variable) {
        return lookup(variableRows, instance, variable);
    }

    private static String lookup(List<Map<String, String>> rows, Map<String, String> instance, String variable) {
        List<String> rowNames = new ArrayList<>();
        rowNames.add(instance.get("instance"));
        groups(instance).forEach(g -> rowNames.add("@" + g));
        rowNames.add("*");
        for (String rowName : rowNames) {
            for (Map<String, String> row : rows) {
                String server = row.getOrDefault("server", "");
                boolean serverMatches = server.isEmpty() || server.equals(instance.get("server"));
                String value = row.getOrDefault(variable, "");
                if (row.get("instance").equals(rowName) && serverMatches && !value.isEmpty()) {
                    return value;
                }
            }
        }
        return "";
    }

    private static List<Map<String, String>> readCsv(String text) {
        List<List<String>> lines = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                cells.add(cell.toString());
                cell.setLength(0);
                lines.add(cells);
                cells = new ArrayList<>();
            } else if (c != '\r') {
                cell.append(c);
            }
        }
        List<String> header = lines.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> line : lines.subList(1, lines.size())) {
            assertThat(line).as("CSV row " + line).hasSameSizeAs(header);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), line.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    // ---------------------------------------------------------------- helpers

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    private static Set<String> filesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
