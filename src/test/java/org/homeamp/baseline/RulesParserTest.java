package org.homeamp.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.homeamp.config.ConfigException;
import org.homeamp.formats.CompareMode;
import org.homeamp.formats.ListOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesParserTest {
    private static final String SPEC_EXAMPLE = """
            ignore:
              - files: "plugins/*/config.yml"          # glob over instance-relative paths
                keys: ["config-version"]
                reason: "plugins rewrite this on upgrade"
                until: 2027-01-31
            secrets:
              keys: ["**.password", "**.token", "**.secret", "rcon.password", "**webhook**"]
            files:
              - files: "server.properties"
                mode: exact
              - files: "plugins/Multiverse-Core/**"
                lists: unordered
            """;

    @TempDir
    Path dir;

    private final RulesParser parser = new RulesParser();

    private Rules write(String yaml) throws IOException {
        Path file = dir.resolve("rules.yml");
        Files.writeString(file, yaml);
        return parser.parse(file);
    }

    private ConfigException failure(String yaml) throws IOException {
        Path file = dir.resolve("rules.yml");
        Files.writeString(file, yaml);
        try {
            parser.parse(file);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).contains(file.toString());
            return e;
        }
        throw new AssertionError("no ConfigException for:\n" + yaml);
    }

    @Test
    void specExampleParses() throws IOException {
        Rules rules = write(SPEC_EXAMPLE);
        LocalDate today = LocalDate.of(2026, 11, 25);

        assertThat(rules.isIgnored("plugins/Essentials/config.yml", "config-version", today)).isTrue();
        assertThat(rules.isIgnored("plugins/Essentials/messages.yml", "config-version", today)).isFalse();
        assertThat(rules.isIgnored("config.yml", "config-version", today)).isFalse();
        assertThat(rules.modeFor("server.properties")).isEqualTo(CompareMode.EXACT);
        assertThat(rules.modeFor("bukkit.yml")).isEqualTo(CompareMode.SUBSET);
        assertThat(rules.listsFor("plugins/Multiverse-Core/worlds.yml")).isEqualTo(ListOrder.UNORDERED);
        assertThat(rules.listsFor("bukkit.yml")).isEqualTo(ListOrder.ORDERED);
    }

    @Test
    void secretPatternsMatchAtAnyDepthAndInsideSegments() throws IOException {
        Rules rules = write(SPEC_EXAMPLE);

        assertThat(rules.isSecret("storage.data.password")).isTrue();
        assertThat(rules.isSecret("password")).isTrue();
        assertThat(rules.isSecret("rcon.password")).isTrue();
        assertThat(rules.isSecret("discord.webhook-url")).isTrue();
        assertThat(rules.isSecret("webhooks.alerts[0].url")).isTrue();
        assertThat(rules.isSecret("bot.token")).isTrue();
        assertThat(rules.isSecret("storage.password-hash-rounds")).isFalse();
        assertThat(rules.isSecret("rcon.port")).isFalse();
    }

    @Test
    void keyPatternWildcards() throws IOException {
        Rules rules = write("ignore:\n  - keys: [\"a.*.c\", \"x.**.z\", \"list[*]\"]\n    reason: r\n");
        LocalDate today = LocalDate.of(2026, 1, 1);

        assertThat(rules.isIgnored("f.yml", "a.b.c", today)).isTrue();
        assertThat(rules.isIgnored("f.yml", "a.b.b.c", today)).isFalse();
        assertThat(rules.isIgnored("f.yml", "x.z", today)).isTrue();
        assertThat(rules.isIgnored("f.yml", "x.y.w.z", today)).isTrue();
        assertThat(rules.isIgnored("f.yml", "a.b.c.below", today)).isTrue();
        assertThat(rules.isIgnored("f.yml", "list[3]", today)).isTrue();
    }

    @Test
    void fileGlobsUseStarForOneFolderAndDoubleStarForAny() throws IOException {
        Rules rules = write("ignore:\n  - files: \"plugins/**/*.yml\"\n    keys: [\"**\"]\n    reason: r\n");
        LocalDate today = LocalDate.of(2026, 1, 1);

        assertThat(rules.isIgnored("plugins/a.yml", "k", today)).isTrue();
        assertThat(rules.isIgnored("plugins/X/deep/a.yml", "k", today)).isTrue();
        assertThat(rules.isIgnored("server.yml", "k", today)).isFalse();
    }

    @Test
    void expiredRuleIsListedWithFileAndLine() throws IOException {
        Rules rules = write(SPEC_EXAMPLE);

        assertThat(rules.expiredRules(LocalDate.of(2027, 1, 31))).isEmpty();
        assertThat(rules.expiredRules(LocalDate.of(2027, 2, 1))).singleElement().satisfies(message -> {
            assertThat(message).contains(dir.resolve("rules.yml") + " line 2").contains("config-version").contains("2027-01-31");
        });
        assertThat(rules.isIgnored("plugins/E/config.yml", "config-version", LocalDate.of(2027, 2, 1))).isFalse();
    }

    @Test
    void missingFileIsNoRules() {
        Rules rules = parser.parse(dir.resolve("absent.yml"));

        assertThat(rules.isSecret("password")).isFalse();
        assertThat(rules.modeFor("x")).isEqualTo(CompareMode.SUBSET);
    }

    @Test
    void badYamlNamesTheLine() throws IOException {
        ConfigException e = failure("ignore:\n  - files: [a\n    keys: x\n");

        assertThat(e.getMessage()).contains("line ").contains("invalid YAML");
    }

    @Test
    void unknownKeyNamesTheLineAndTheAllowedKeys() throws IOException {
        ConfigException e = failure("ignore:\n  - keys: [a]\n    reasn: typo\n    reason: r\n");

        assertThat(e.getMessage()).contains("line 3").contains("unknown key 'reasn'").contains("allowed: files, keys, reason, until");
    }

    @Test
    void unknownTopLevelKeyIsRefused() throws IOException {
        assertThat(failure("ignores: []\n").getMessage()).contains("line 1").contains("unknown key 'ignores'");
    }

    @Test
    void missingReasonIsRefused() throws IOException {
        assertThat(failure("secrets:\n  keys: []\nignore:\n  - keys: [a]\n").getMessage())
                .contains("line 4").contains("without 'reason'");
    }

    @Test
    void badDateIsRefused() throws IOException {
        assertThat(failure("ignore:\n  - keys: [a]\n    reason: r\n    until: 31.01.2027\n").getMessage())
                .contains("line 4").contains("YYYY-MM-DD");
    }

    @Test
    void badModeIsRefused() throws IOException {
        assertThat(failure("files:\n  - files: x\n    mode: strict\n").getMessage())
                .contains("line 3").contains("subset | exact");
    }

    @Test
    void allProblemsAreReportedTogether() throws IOException {
        ConfigException e = failure("files:\n  - files: x\n    mode: strict\n  - files: y\n    lists: sorted\n");

        assertThat(e.problems()).hasSize(2);
    }
}
