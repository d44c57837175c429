package org.homeamp.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigParserTest {
    private final ConfigParser parser = new ConfigParser();

    private ParsedConfig parse(String path, String text) {
        return parser.parse(path, text.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> tree(String path, String text) {
        ParsedConfig parsed = parse(path, text);
        assertThat(parsed.isParseable()).as(parsed.toString()).isTrue();
        return (Map<String, Object>) parsed.tree();
    }

    @Test
    void formatsFollowTheExtensionAndDynmapConfigurationTxtIsYaml() {
        assertThat(ConfigFormat.of("bukkit.yml")).isEqualTo(ConfigFormat.YAML);
        assertThat(ConfigFormat.of("plugins/X/a.YAML")).isEqualTo(ConfigFormat.YAML);
        assertThat(ConfigFormat.of("plugins/dynmap/configuration.txt")).isEqualTo(ConfigFormat.YAML);
        assertThat(ConfigFormat.of("plugins/Other/configuration.txt")).isEqualTo(ConfigFormat.TEXT);
        assertThat(ConfigFormat.of("server.properties")).isEqualTo(ConfigFormat.PROPERTIES);
        assertThat(ConfigFormat.of("ops.json")).isEqualTo(ConfigFormat.JSON);
        assertThat(ConfigFormat.of("velocity.toml")).isEqualTo(ConfigFormat.TOML);
        assertThat(ConfigFormat.of("eula.txt")).isEqualTo(ConfigFormat.TEXT);
    }

    @Test
    void yamlUsesYaml11BooleansAsBukkitDoes() {
        Map<String, Object> tree = tree("a.yml", "a: yes\nb: on\nc: off\nd: 'yes'\ne: true\n");

        assertThat(tree).containsEntry("a", true).containsEntry("b", true).containsEntry("c", false)
                .containsEntry("d", "yes").containsEntry("e", true);
    }

    @Test
    void yamlNumbersAreLongDoubleOrBigInteger() {
        Map<String, Object> tree = tree("a.yml", "i: 20\nf: 0.5\nbig: 123456789012345678901234567890\nhex: 0x10\n");

        assertThat(tree.get("i")).isEqualTo(20L);
        assertThat(tree.get("f")).isEqualTo(0.5);
        assertThat(tree.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(tree.get("hex")).isEqualTo(16L);
    }

    @Test
    void yamlBomAndCrlfAreFine() {
        Map<String, Object> tree = tree("a.yml", "\uFEFFsettings:\r\n  debug: false\r\n");

        assertThat(tree).containsEntry("settings", Map.of("debug", false));
    }

    @Test
    void yamlDuplicateKeysLastWins() {
        assertThat(tree("a.yml", "a: 1\nb: 2\na: 3\n")).containsEntry("a", 3L).containsOnlyKeys("a", "b");
    }

    @Test
    void yamlKeepsKeyOrderAndTurnsKeysIntoStrings() {
        Map<String, Object> tree = tree("a.yml", "z: 1\n1: one\n'true': 'yes'\na: 2\n");

        assertThat(tree.keySet()).containsExactly("z", "1", "true", "a");
    }

    @Test
    void yamlMergeKeysAreApplied() {
        Map<String, Object> tree = tree("a.yml", "base: &b {x: 1, y: 2}\nchild:\n  <<: *b\n  y: 3\n");

        assertThat(tree.get("child")).isEqualTo(Map.of("x", 1L, "y", 3L));
    }

    @Test
    void emptyYamlIsANullTree() {
        ParsedConfig parsed = parse("permissions.yml", "");

        assertThat(parsed.isParseable()).isTrue();
        assertThat(parsed.tree()).isNull();
    }

    @Test
    void invalidYamlIsUnparseableWithLineAndColumn() {
        ParsedConfig parsed = parse("a.yml", "a: 1\nb: [1, 2\nc: 3\n");

        assertThat(parsed.isParseable()).isFalse();
        assertThat(parsed.line()).isEqualTo(3);
        assertThat(parsed.column()).isNotNull();
        assertThat(parsed.error()).startsWith("invalid YAML");
    }

    @Test
    void unquotedPlaceholderIsUnparseableAtItsLine() {
        ParsedConfig parsed = parse("spigot.yml", "world-settings:\n  default:\n    seed-village: {{ SEED }}\n");

        assertThat(parsed.isParseable()).isFalse();
        assertThat(parsed.line()).isEqualTo(3);
        assertThat(parsed.error()).contains("placeholder");
    }

    @Test
    void invalidYamlMessageDoesNotQuoteTheSourceLine() {
        ParsedConfig parsed = parse("a.yml", "password: hunter2\n  bad: [\n");

        assertThat(parsed.isParseable()).isFalse();
        assertThat(parsed.error()).doesNotContain("hunter2");
    }

    @Test
    void aliasBombIsRefused() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char prev = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            yaml.append("]\n");
        }

        assertThat(parse("bomb.yml", yaml.toString()).isParseable()).isFalse();
    }

    @Test
    void propertiesAreUtf8WithEscapesDecodedAndKeysAsWritten() {
        Map<String, Object> tree = tree("server.properties",
                "#Tue Dec 21 19:32:24 UTC 2021\nmotd=§x§a§6Welcome\nlevel-type=minecraft\\:normal\nold-motd=\\u00A7aHi\nrcon.password=\n");

        assertThat(tree).containsEntry("motd", "§x§a§6Welcome")
                .containsEntry("level-type", "minecraft:normal")
                .containsEntry("old-motd", "§aHi")
                .containsEntry("rcon.password", "");
        assertThat(tree.keySet()).containsExactly("motd", "level-type", "old-motd", "rcon.password");
    }

    @Test
    void malformedPropertiesEscapeIsUnparseableWithItsLine() {
        ParsedConfig parsed = parse("server.properties", "a=1\nmotd=\\u00G7\n");

        assertThat(parsed.isParseable()).isFalse();
        assertThat(parsed.line()).isEqualTo(2);
    }

    @Test
    void jsonAndTomlBecomeTrees() {
        assertThat(tree("a.json", "{\"b\": 1, \"c\": [true, 0.5]}"))
                .containsEntry("b", 1L).containsEntry("c", List.of(true, 0.5));
        assertThat(tree("velocity.toml", "bind = \"0.0.0.0:25577\"\n[servers]\n\tlobby = \"127.0.0.1:30066\"\n"))
                .containsEntry("bind", "0.0.0.0:25577")
                .containsEntry("servers", Map.of("lobby", "127.0.0.1:30066"));
    }

    @Test
    void badJsonAndTomlHaveLineNumbers() {
        ParsedConfig json = parse("a.json", "{\n\"a\": 1,\n\"b\" 2}");
        ParsedConfig toml = parse("a.toml", "a = 1\nb = = 2\n");

        assertThat(json.isParseable()).isFalse();
        assertThat(json.line()).isEqualTo(3);
        assertThat(toml.isParseable()).isFalse();
        assertThat(toml.line()).isEqualTo(2);
    }

    @Test
    void textHasLineEndingsNormalisedAndBomStripped() {
        ParsedConfig parsed = parse("eula.txt", "\uFEFFeula=true\r\nx\ry\n");

        assertThat(parsed.isText()).isTrue();
        assertThat(parsed.text()).isEqualTo("eula=true\nx\ny\n");
    }

    @Test
    void binaryAndNonUtf8AreUnparseableWithClearMessages() {
        ParsedConfig binary = parser.parse("a.yml", new byte[] {'a', ':', ' ', 0, 1});
        ParsedConfig latin1 = parser.parse("a.yml", "a: 1\nmotd: caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(binary.isParseable()).isFalse();
        assertThat(binary.error()).contains("binary file");
        assertThat(latin1.isParseable()).isFalse();
        assertThat(latin1.error()).contains("not UTF-8 text");
        assertThat(latin1.line()).isEqualTo(2);
        assertThat(latin1.column()).isEqualTo(10);
    }

    @Test
    void jsonErrorMessageDoesNotQuoteTheBadToken() {
        ParsedConfig parsed = parse("a.json", "{\"password\": hunter2secret}");

        assertThat(parsed.isParseable()).isFalse();
        assertThat(parsed.line()).isEqualTo(1);
        assertThat(parsed.error()).doesNotContain("hunter2");
    }
}
