package org.homeamp.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.homeamp.config.ConfigException;
import org.homeamp.formats.ConfigFormat;
import org.homeamp.formats.ConfigParser;
import org.homeamp.drift.DriftComparator;
import org.homeamp.drift.Finding;
import org.homeamp.drift.FindingKind;
import org.homeamp.drift.SecretMasker;
import org.homeamp.variables.InstanceVariables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineSetTest {
    @TempDir
    Path baselines;

    private void write(String relative, String content) throws IOException {
        Path file = baselines.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static InstanceVariables vars(List<String> groups, Map<String, Object> values) {
        return new InstanceVariables("hetzner", "Survival01", groups, values);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tree(ExpectedFile file) {
        return (Map<String, Object>) file.content().tree();
    }

    @Test
    void layoutGivesInstanceRelativePathsAndOnlyInstalledPlugins() throws IOException {
        // given
        write("server/server.properties", "max-players=20\n");
        write("server/config/paper-global.yml", "proxies:\n  velocity:\n    enabled: false\n");
        write("plugins/Essentials/config.yml", "auto-afk: 300\n");
        write("plugins/LuckPerms/config.yml", "server: global\n");

        // when
        Map<String, ExpectedFile> expected = BaselineSet.load(baselines)
                .expectedFor("hetzner", "Survival01", Set.of("essentials"), vars(List.of(), Map.of()));

        // then
        assertThat(expected.keySet()).containsExactlyInAnyOrder(
                "server.properties", "config/paper-global.yml", "plugins/Essentials/config.yml");
        assertThat(expected.get("server.properties").format()).isEqualTo(ConfigFormat.PROPERTIES);
    }

    @Test
    void overlaysApplyInTheSheetsGroupOrderThenTheInstance() throws IOException {
        // given
        write("server/bukkit.yml", "settings:\n  allow-end: true\n  connection-throttle: 4000\n  shutdown-message: Bye\nworlds: [a, b]\n");
        write("groups/survival/server/bukkit.yml", "settings:\n  connection-throttle: 1000\n  shutdown-message: Survival bye\n");
        write("groups/skyblock/server/bukkit.yml", "settings:\n  connection-throttle: 2000\nworlds: [sky]\n");
        write("instances/Survival01/server/bukkit.yml", "settings:\n  shutdown-message: Instance bye\n");
        BaselineSet set = BaselineSet.load(baselines);

        // when
        Map<String, Object> survivalFirst = tree(set.expectedFor("hetzner", "Survival01", Set.of(),
                vars(List.of("survival", "skyblock"), Map.of())).get("bukkit.yml"));
        Map<String, Object> skyblockFirst = tree(set.expectedFor("hetzner", "Survival01", Set.of(),
                vars(List.of("skyblock", "survival"), Map.of())).get("bukkit.yml"));

        // then: maps merge, the later group wins, lists replace, the instance overlay comes last
        assertThat(survivalFirst.get("settings")).isEqualTo(Map.of(
                "allow-end", true, "connection-throttle", 2000L, "shutdown-message", "Instance bye"));
        assertThat(survivalFirst.get("worlds")).isEqualTo(List.of("sky"));
        assertThat(((Map<?, ?>) skyblockFirst.get("settings")).get("connection-throttle")).isEqualTo(1000L);
    }

    @Test
    void overlayPluginFolderMatchesCaseInsensitivelyAndKeepsTheBaselineSpelling() throws IOException {
        write("plugins/Essentials/config.yml", "auto-afk: 300\nchat:\n  radius: 0\n");
        write("groups/lobby/plugins/essentials/config.yml", "auto-afk: 0\n");

        Map<String, ExpectedFile> expected = BaselineSet.load(baselines)
                .expectedFor("hetzner", "Lobby", Set.of("Essentials"), vars(List.of("lobby"), Map.of()));

        assertThat(expected).containsOnlyKeys("plugins/Essentials/config.yml");
        assertThat(tree(expected.get("plugins/Essentials/config.yml"))).containsEntry("auto-afk", 0L);
    }

    @Test
    void theTemplateIsTheFirstLayersBytesWhateverTheOverlaysChange() throws IOException {
        String base = "# the network's bukkit.yml\nsettings:\n  allow-end: true   # per group\n";
        write("server/bukkit.yml", base);
        write("groups/lobby/server/bukkit.yml", "# lobby\nsettings:\n  allow-end: false\n");
        write("instances/Survival01/plugins/Essentials/config.yml", "# only this instance\nauto-afk: 0\n");

        Map<String, ExpectedFile> expected = BaselineSet.load(baselines)
                .expectedFor("hetzner", "Survival01", Set.of("essentials"), vars(List.of("lobby"), Map.of()));

        assertThat(new String(expected.get("bukkit.yml").template(), StandardCharsets.UTF_8)).isEqualTo(base);
        assertThat(tree(expected.get("bukkit.yml"))).isEqualTo(Map.of("settings", Map.of("allow-end", false)));
        assertThat(new String(expected.get("plugins/Essentials/config.yml").template(), StandardCharsets.UTF_8))
                .isEqualTo("# only this instance\nauto-afk: 0\n");
    }

    @Test
    void textOverlayReplacesTheBaseline() throws IOException {
        write("server/eula.txt", "eula=false\n");
        write("instances/Survival01/server/eula.txt", "eula=true\n");

        ExpectedFile eula = BaselineSet.load(baselines)
                .expectedFor("hetzner", "Survival01", Set.of(), vars(List.of(), Map.of())).get("eula.txt");

        assertThat(eula.content().text()).isEqualTo("eula=true\n");
    }

    @Test
    void wholeScalarPlaceholdersTakeTheVariablesType() throws IOException {
        write("server/config.yml", "port: \"{{port}}\"\npvp: '{{ pvp }}'\nratio: \"{{ratio}}\"\nname: \"{{name}}\"\n");
        write("server/server.properties", "max-players={{players}}\n");

        Map<String, ExpectedFile> expected = BaselineSet.load(baselines).expectedFor("hetzner", "Survival01", Set.of(),
                vars(List.of(), Map.of("port", 25566L, "pvp", true, "ratio", 0.5, "name", "Survival", "players", 69L)));

        assertThat(tree(expected.get("config.yml")))
                .containsEntry("port", 25566L).containsEntry("pvp", true).containsEntry("ratio", 0.5).containsEntry("name", "Survival");
        assertThat(tree(expected.get("server.properties"))).containsEntry("max-players", 69L);
        assertThat(expected.get("config.yml").unresolved()).isEmpty();
    }

    @Test
    void placeholdersInsideTextAreSubstitutedAsText() throws IOException {
        write("server/server.properties", "motd=§aWelcome to {{name}} ({{port}})\n");
        write("server/notes.txt", "host={{ host }}\n");

        Map<String, ExpectedFile> expected = BaselineSet.load(baselines).expectedFor("hetzner", "Survival01", Set.of(),
                vars(List.of(), Map.of("name", "Survival", "port", 25566L, "host", "mc.example.org")));

        assertThat(tree(expected.get("server.properties"))).containsEntry("motd", "§aWelcome to Survival (25566)");
        assertThat(expected.get("notes.txt").content().text()).isEqualTo("host=mc.example.org\n");
    }

    @Test
    void minecraftRuntimePlaceholdersAreNotVariables() throws IOException {
        String format = "<{DISPLAYNAME}> %player_name% ${project.version} <gold>{MESSAGE}";
        write("plugins/Essentials/config.yml", "format: '" + format + "'\n");

        ExpectedFile file = BaselineSet.load(baselines).expectedFor("hetzner", "Survival01", Set.of("Essentials"),
                vars(List.of(), Map.of("player_name", "x", "MESSAGE", "y", "project.version", "z"))).get("plugins/Essentials/config.yml");

        assertThat(tree(file)).containsEntry("format", format);
        assertThat(file.unresolved()).isEmpty();
    }

    @Test
    void unresolvedPlaceholderKeepsItsRawTextAndBecomesAFinding() throws IOException {
        // given
        write("server/config.yml", "database:\n  port: \"{{db_port}}\"\n  url: \"jdbc://{{db_host}}/mc\"\nok: 1\n");
        ExpectedFile file = BaselineSet.load(baselines).expectedFor("hetzner", "Survival01", Set.of(),
                vars(List.of(), Map.of())).get("config.yml");
        byte[] actual = "database:\n  port: 3306\n  url: jdbc://db/mc\nok: 2\n".getBytes(StandardCharsets.UTF_8);

        // when
        List<Finding> findings = new DriftComparator(Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC), SecretMasker.withRandomKey())
                .compare("hetzner", "Survival01", file, new ConfigParser().parse("config.yml", actual), Rules.empty());

        // then: the unresolved keys are reported once each, as unresolved, not also as changed
        assertThat(tree(file).get("database")).isEqualTo(Map.of("port", "{{db_port}}", "url", "jdbc://{{db_host}}/mc"));
        assertThat(findings).extracting(Finding::key, Finding::kind).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("database.port", FindingKind.UNRESOLVED_VARIABLE),
                org.assertj.core.groups.Tuple.tuple("database.url", FindingKind.UNRESOLVED_VARIABLE),
                org.assertj.core.groups.Tuple.tuple("ok", FindingKind.CHANGED));
        assertThat(findings.get(0).message()).contains("db_port").contains("variables sheet");
    }

    @Test
    void rulesYmlIsReadWithTheBaselines() throws IOException {
        write("rules.yml", "files:\n  - files: server.properties\n    mode: exact\n");

        assertThat(BaselineSet.load(baselines).rules().modeFor("server.properties"))
                .isEqualTo(org.homeamp.formats.CompareMode.EXACT);
    }

    @Test
    void malformedBaselinesStopWithFileLineAndFix() throws IOException {
        write("server/spigot.yml", "world-settings:\n  default:\n    seed-village: {{ SEED }}\n");
        write("plugins/X/data.json", "{\"a\": }");
        write("rules.yml", "ignore:\n  - keys: [a]\n");

        assertThatThrownBy(() -> BaselineSet.load(baselines))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(3);
                    assertThat(e.getMessage())
                            .contains(baselines.resolve("server/spigot.yml") + " line 3")
                            .contains("must be quoted")
                            .contains(baselines.resolve("plugins/X/data.json") + " line 1")
                            .contains("without 'reason'");
                });
    }

    @Test
    void unknownFolderIsRefused() throws IOException {
        write("plugin/Essentials/config.yml", "a: 1\n");

        assertThatThrownBy(() -> BaselineSet.load(baselines))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown folder");
    }

    @Test
    void groupFoldersAreListedForTheVariablesSheet() throws IOException {
        write("groups/Skyblock/server/bukkit.yml", "a: 1\n");

        assertThat(BaselineSet.load(baselines).groupNames()).containsExactly("skyblock");
    }
}
