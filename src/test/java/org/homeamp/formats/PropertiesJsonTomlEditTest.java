package org.homeamp.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.homeamp.formats.ConfigParser;
import org.homeamp.formats.KeyPath;
import org.junit.jupiter.api.Test;

/** Minimal edits of {@code .properties}, JSON and TOML fixtures. */
class PropertiesJsonTomlEditTest {
    private final ConfigEditor editor = new ConfigEditor(new ConfigParser());

    private String edit(String file, String text, KeyPath key, Object value) {
        EditedFile edited = editor.apply(file, text.getBytes(StandardCharsets.UTF_8), List.of(new ValueChange(key, value)));
        return new String(edited.bytes(), StandardCharsets.UTF_8);
    }

    private String props(String text, String key, Object value) {
        return edit("server.properties", text, KeyPath.ofPropertiesKey(key), value);
    }

    @Test
    void propertiesSeparatorsAndCommentsStay() {
        String text = "#Minecraft server properties\r\nmotd=A Server\r\nmax-players: 20\r\nlevel-name world\r\n! bang comment\r\n";
        assertThat(props(text, "max-players", 50L))
                .isEqualTo("#Minecraft server properties\r\nmotd=A Server\r\nmax-players: 50\r\nlevel-name world\r\n! bang comment\r\n");
        assertThat(props(text, "level-name", "new world"))
                .isEqualTo("#Minecraft server properties\r\nmotd=A Server\r\nmax-players: 20\r\nlevel-name new world\r\n! bang comment\r\n");
    }

    @Test
    void propertiesValuesAreEscapedAsLoadReadsThem() {
        String text = "motd=\\u00A7aHello\\: there\npath=C\\:\\\\x\n";
        assertThat(props(text, "motd", " §bLead\\ing\tTab")).isEqualTo("motd=\\ §bLead\\\\ing\\tTab\npath=C\\:\\\\x\n");
        assertThat(props(text, "path", "")).isEqualTo("motd=\\u00A7aHello\\: there\npath=\n");
    }

    @Test
    void propertiesContinuationLinesAreReplacedWhole() {
        String text = "long=first \\\n    second \\\n    third\nafter=1\n";
        assertThat(props(text, "long", "short")).isEqualTo("long=short\nafter=1\n");
    }

    @Test
    void propertiesEscapedKeysAreFound() {
        String text = "my\\ key\\:x = 1\nrcon.password=old\n";
        assertThat(props(text, "my key:x", 2L)).isEqualTo("my\\ key\\:x = 2\nrcon.password=old\n");
        assertThat(props(text, "rcon.password", "new")).isEqualTo("my\\ key\\:x = 1\nrcon.password=new\n");
    }

    @Test
    void propertiesMissingKeyIsAppendedWithTheFilesSeparatorAndLineEnding() {
        assertThat(props("a = 1\r\nb = 2\r\n", "c d", "x")).isEqualTo("a = 1\r\nb = 2\r\nc\\ d = x\r\n");
        assertThat(props("a=1\nb=2", "c", "x")).isEqualTo("a=1\nb=2\nc=x");
        assertThat(props("bare\n", "bare", "v")).isEqualTo("bare=v\n");
    }

    @Test
    void propertiesRefuseListsAndNull() {
        assertThatThrownBy(() -> props("a=1\n", "a", List.of("x"))).isInstanceOf(EditRefusedException.class)
                .hasMessageContaining("server.properties").hasMessageContaining("'a'");
        assertThatThrownBy(() -> props("a=1\n", "a", null)).isInstanceOf(EditRefusedException.class);
    }

    private String json(String text, String key, Object value) {
        return edit("whitelist.json", text, KeyPath.parse(key), value);
    }

    @Test
    void jsonValueTokenIsReplacedAndEverythingElseStays() {
        String text = "{\n  \"a\" : 1,\n  \"b\": {\"c\": \"x\", \"d\": [1, 2]}\n}\n";
        assertThat(json(text, "a", 2.5)).isEqualTo("{\n  \"a\" : 2.5,\n  \"b\": {\"c\": \"x\", \"d\": [1, 2]}\n}\n");
        assertThat(json(text, "b.c", "q\"uote")).isEqualTo("{\n  \"a\" : 1,\n  \"b\": {\"c\": \"q\\\"uote\", \"d\": [1, 2]}\n}\n");
        assertThat(json(text, "b.d[1]", false)).isEqualTo("{\n  \"a\" : 1,\n  \"b\": {\"c\": \"x\", \"d\": [1, false]}\n}\n");
        assertThat(json(text, "b.d", List.of("p"))).isEqualTo("{\n  \"a\" : 1,\n  \"b\": {\"c\": \"x\", \"d\": [\"p\"]}\n}\n");
    }

    @Test
    void jsonMissingKeyBecomesTheFirstMemberWithSiblingIndentation() {
        String text = "{\r\n    \"a\": 1\r\n}";
        assertThat(json(text, "z", "new")).isEqualTo("{\r\n    \"z\": \"new\",\r\n    \"a\": 1\r\n}");
        assertThat(json("{\"a\": {}}", "a.k", 1L)).isEqualTo("{\"a\": {\"k\": 1}}");
        assertThat(json("{\"a\": {\"b\": 1}}", "a.x.y", true)).isEqualTo("{\"a\": {\"x\": {\"y\": true}, \"b\": 1}}");
        assertThat(json("{\"l\": [1]}", "l[1]", 2L)).isEqualTo("{\"l\": [1, 2]}");
    }

    private String toml(String text, String key, Object value) {
        return edit("velocity.toml", text, KeyPath.parse(key), value);
    }

    @Test
    void tomlValueSpansAreReplacedInTablesAndDottedKeys() {
        String text = "bind = \"0.0.0.0:25565\" # where\n[servers]\nlobby = 'literal'\ntry = [\n    \"lobby\"\n]\n"
                + "[advanced]\nnet.threads = 4\n\"quoted.key\" = true\n";
        assertThat(toml(text, "bind", "1.2.3.4:1")).isEqualTo(text.replace("0.0.0.0:25565", "1.2.3.4:1"));
        assertThat(toml(text, "servers.lobby", "other")).isEqualTo(text.replace("'literal'", "'other'"));
        assertThat(toml(text, "servers.try", List.of("a", "b"))).isEqualTo(text.replace("[\n    \"lobby\"\n]", "[\"a\", \"b\"]"));
        assertThat(toml(text, "advanced.net.threads", 8L)).isEqualTo(text.replace("threads = 4", "threads = 8"));
        assertThat(toml(text, "advanced.\"quoted.key\"", false)).isEqualTo(text.replace("= true", "= false"));
    }

    @Test
    void tomlListItemsAreReplacedInTheirSpan() {
        String text = "[servers]\ntry = [\n    \"lobby\", # first\n    'other'\n]\nflat = [1, [2, 3], { a = 1 }]\n";
        assertThat(toml(text, "servers.try[1]", "hub")).isEqualTo(text.replace("'other'", "'hub'"));
        assertThat(toml(text, "servers.try[0]", "x\"y")).isEqualTo(text.replace("\"lobby\"", "\"x\\\"y\""));
        assertThat(toml(text, "servers.flat[0]", 9L)).isEqualTo(text.replace("[1, [", "[9, ["));
        assertThat(toml(text, "servers.flat[1]", List.of(4L))).isEqualTo(text.replace("[2, 3]", "[4]"));
    }

    @Test
    void tomlMissingKeyGoesAtTheEndOfItsTable() {
        String text = "a = 1\n\n[t]\n  x = 1\n\n[u]\ny = 2\n";
        assertThat(toml(text, "t.z", "new")).isEqualTo("a = 1\n\n[t]\n  x = 1\n  z = \"new\"\n\n[u]\ny = 2\n");
        assertThat(toml(text, "b", 2L)).isEqualTo("a = 1\nb = 2\n\n[t]\n  x = 1\n\n[u]\ny = 2\n");
        assertThat(toml(text, "u.deep.er", 1.5)).isEqualTo("a = 1\n\n[t]\n  x = 1\n\n[u]\ny = 2\ndeep.er = 1.5\n");
    }

    @Test
    void tomlRefusesWhatItCannotEditSafely() {
        String text = "[[servers]]\nname = \"a\"\n[t]\ninline = { a = 1 }\nlist = [1]\n";
        assertThatThrownBy(() -> toml(text, "servers", List.of())).isInstanceOf(EditRefusedException.class)
                .hasMessageContaining("array of tables");
        assertThatThrownBy(() -> toml(text, "servers.name", "b")).isInstanceOf(EditRefusedException.class)
                .hasMessageContaining("array of tables");
        assertThatThrownBy(() -> toml(text, "t", java.util.Map.of("a", 1L))).isInstanceOf(EditRefusedException.class)
                .hasMessageContaining("whole [table]");
        assertThatThrownBy(() -> toml(text, "t.inline.a", 2L)).isInstanceOf(EditRefusedException.class)
                .hasMessageContaining("inline table");
        assertThatThrownBy(() -> toml(text, "t.list[1]", 2L)).isInstanceOf(EditRefusedException.class)
                .hasMessageContaining("only changed, not added");
        assertThatThrownBy(() -> toml(text, "t.list", null)).isInstanceOf(EditRefusedException.class)
                .hasMessageContaining("no null");
    }

    @Test
    void textFilesAreRefused() {
        assertThatThrownBy(() -> edit("eula.txt", "eula=false\n", KeyPath.parse("eula"), true))
                .isInstanceOf(EditRefusedException.class).hasMessageContaining("eula.txt").hasMessageContaining("whole");
    }
}
