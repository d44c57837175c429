package org.homeamp.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.homeamp.baseline.Rules;
import org.homeamp.formats.CompareMode;
import org.homeamp.formats.ConfigFormat;
import org.homeamp.formats.ConfigParser;
import org.homeamp.formats.ParsedConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Real-world files from {@code ../shared/corpus}, read in place (never copied into the project).
 * Skipped when the corpus is absent.
 */
class CorpusDriftTest {
    private static final Path CONFIGS = Path.of("../shared/corpus/configs");
    private static final String[] YUKKURI_SERVERS = {
        "lobby", "survival", "creative", "minigames-and-events", "neo-gensokyo", "old-gensokyo"};

    private final ConfigParser parser = new ConfigParser();
    private final DriftComparator comparator = new DriftComparator(java.time.Clock.systemUTC(), SecretMasker.withRandomKey());

    @BeforeEach
    void corpusPresent() {
        assumeTrue(Files.isDirectory(CONFIGS), "corpus not present at " + CONFIGS.toAbsolutePath());
    }

    private ParsedConfig parse(String relative) throws IOException {
        return parser.parse(relative, Files.readAllBytes(CONFIGS.resolve(relative)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"paper.yml", "spigot.yml", "bukkit.yml", "permissions.yml"})
    void yukkuricraftByteIdenticalFilesGiveNoFindingsOnAnyServer(String name) throws IOException {
        // given: the corpus keeps one copy of files that were byte-identical on all six servers
        ParsedConfig baseline = parse("real-server-repos/Yukkuricraft/minecraft-data/prod/lobby/config/" + name);
        assertThat(baseline.isParseable()).as(baseline.toString()).isTrue();

        for (String server : YUKKURI_SERVERS) {
            // when: each server's copy (the same bytes) is compared, in the strictest mode
            ParsedConfig actual = parse("real-server-repos/Yukkuricraft/minecraft-data/prod/lobby/config/" + name);
            List<Finding> findings = comparator.compare("yukkuri", server, name, baseline, actual, CompareMode.EXACT, Rules.empty());

            // then
            assertThat(findings).as(server).isEmpty();
        }
    }

    @Test
    void yukkuricraftPaperYmlControlPairHasZeroDrift() throws IOException {
        ParsedConfig lobby = parse("real-server-repos/Yukkuricraft/minecraft-data/prod/lobby/config/paper.yml");
        ParsedConfig survival = parse("real-server-repos/Yukkuricraft/minecraft-data/prod/survival/config/paper.yml");

        List<Finding> findings = comparator.compare("yukkuri", "survival", "paper.yml", lobby, survival, CompareMode.EXACT, Rules.empty());

        assertThat(findings).isEmpty();
    }

    @Test
    void newlandsEssentialsLobbyVsSurvivalReportsExactlyTheKeysThatDiffer() throws IOException {
        // given
        String lobbyFile = "real-server-repos/newlandsmc-network/lobby-server/plugins/Essentials/config.yml";
        String survivalFile = "real-server-repos/newlandsmc-network/survival-server/plugins/Essentials/config.yml";
        Map<String, FindingKind> independent = new TreeMap<>();
        diff(loadPlain(lobbyFile), loadPlain(survivalFile), "", independent);

        // when
        List<Finding> findings = comparator.compare("newlands", "survival", "plugins/Essentials/config.yml",
                parse(lobbyFile), parse(survivalFile), CompareMode.EXACT, Rules.empty());

        // then
        Map<String, FindingKind> reported = new TreeMap<>();
        findings.forEach(f -> reported.put(f.key(), f.kind()));
        assertThat(reported).isEqualTo(independent);
        // PROVENANCE counts 10 keys that differ between these two files
        assertThat(reported).hasSize(10);
    }

    /** SnakeYAML's own output, walked without any of the production code. */
    private static Object loadPlain(String relative) throws IOException {
        return new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(CONFIGS.resolve(relative), StandardCharsets.UTF_8));
    }

    private static void diff(Object expected, Object actual, String prefix, Map<String, FindingKind> out) {
        Map<?, ?> e = (Map<?, ?>) expected;
        Map<?, ?> a = (Map<?, ?>) actual;
        for (Map.Entry<?, ?> entry : e.entrySet()) {
            String path = prefix.isEmpty() ? String.valueOf(entry.getKey()) : prefix + "." + entry.getKey();
            if (!a.containsKey(entry.getKey())) {
                out.put(path, FindingKind.MISSING_KEY);
            } else if (entry.getValue() instanceof Map && a.get(entry.getKey()) instanceof Map) {
                diff(entry.getValue(), a.get(entry.getKey()), path, out);
            } else if (!Objects.equals(entry.getValue(), a.get(entry.getKey()))) {
                out.put(path, FindingKind.CHANGED);
            }
        }
        for (Object key : a.keySet()) {
            if (!e.containsKey(key)) {
                out.put(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, FindingKind.EXTRA_KEY);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "real-server-repos/NearVanilla-configuration/survival/spigot.yml|{{",
        "real-server-repos/newlandsmc-network/lobby-server/plugins/ViaVersion/config.yml|>1.20.2",
        "real-server-repos/newlandsmc-network/creative-server/plugins/ViaVersion/config.yml|>1.20.2"})
    void invalidYamlCorpusFilesAreUnparseableAtTheOffendingLine(String fileAndMarker) throws IOException {
        // given
        String file = fileAndMarker.substring(0, fileAndMarker.indexOf('|'));
        String marker = fileAndMarker.substring(fileAndMarker.indexOf('|') + 1);
        ParsedConfig expected = ParsedConfig.ofTree(ConfigFormat.YAML, Map.of());

        // when
        List<Finding> findings = comparator.compare("net", "inst", file, expected, parse(file), CompareMode.SUBSET, Rules.empty());

        // then: one finding, whose line holds the hand edit or the unrendered placeholder
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.UNPARSEABLE);
            assertThat(f.line()).isNotNull();
            assertThat(f.column()).isNotNull();
            List<String> lines = Files.readAllLines(CONFIGS.resolve(file));
            assertThat(lines.get(f.line() - 1)).contains(marker);
        });
    }

    @Test
    void invalidYamlLineNumbersAreTheKnownOnes() throws IOException {
        assertThat(parse("real-server-repos/NearVanilla-configuration/survival/spigot.yml").line()).isEqualTo(72);
        assertThat(parse("real-server-repos/newlandsmc-network/lobby-server/plugins/ViaVersion/config.yml").line()).isEqualTo(20);
        assertThat(parse("real-server-repos/newlandsmc-network/creative-server/plugins/ViaVersion/config.yml").line()).isEqualTo(20);
    }

    @Test
    void paperTemplateBukkitYmlEqualsTheServerWrittenBukkitYml() throws IOException {
        // given: the template (4-space indent, comments, quoting) and the file the server wrote back
        ParsedConfig template = parse("server/paper-template-bukkit.yml");
        ParsedConfig written = parse("server/bukkit.yml");

        // when
        List<Finding> findings = comparator.compare("net", "inst", "bukkit.yml", template, written, CompareMode.SUBSET, Rules.empty());

        // then
        assertThat(findings).isEmpty();
    }

    @Test
    void everyOtherCorpusYamlParses() throws IOException {
        List<Path> yamlFiles;
        try (var files = Files.walk(CONFIGS)) {
            yamlFiles = files.filter(Files::isRegularFile)
                    .filter(p -> ConfigFormat.of(p.toString()) == ConfigFormat.YAML)
                    .filter(p -> !p.toString().contains("ViaVersion/config.yml") || !p.toString().contains("newlandsmc"))
                    .filter(p -> !p.toString().endsWith("NearVanilla-configuration/survival/spigot.yml"))
                    .toList();
        }
        assertThat(yamlFiles).isNotEmpty();
        for (Path file : yamlFiles) {
            ParsedConfig parsed = parser.parse(file.toString(), Files.readAllBytes(file));
            assertThat(parsed.isParseable()).as(file + ": " + parsed).isTrue();
        }
    }

    @Test
    void corpusPropertiesJsonAndTomlParse() throws IOException {
        List<Path> files;
        try (var walk = Files.walk(CONFIGS)) {
            files = walk.filter(Files::isRegularFile).filter(p -> {
                ConfigFormat format = ConfigFormat.of(p.toString());
                return format == ConfigFormat.PROPERTIES || format == ConfigFormat.JSON || format == ConfigFormat.TOML;
            }).toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("velocity.toml", "server.properties");
        for (Path file : files) {
            ParsedConfig parsed = parser.parse(file.toString(), Files.readAllBytes(file));
            assertThat(parsed.isParseable()).as(file + ": " + parsed).isTrue();
        }
    }

    @Test
    void rawSectionSignMotdSurvivesAndEscapedColonIsDecoded() throws IOException {
        Map<?, ?> nearVanilla = (Map<?, ?>) parse("real-server-repos/NearVanilla-configuration/survival/server.properties").tree();
        Map<?, ?> paperDefaults = (Map<?, ?>) parse("server/server.properties").tree();

        assertThat((String) nearVanilla.get("motd")).startsWith("\u00a7x\u00a7a\u00a76");
        assertThat(paperDefaults.get("level-type")).isEqualTo("minecraft:normal");
    }
}
