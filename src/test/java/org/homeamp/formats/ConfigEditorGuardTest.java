package org.homeamp.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.homeamp.formats.ConfigFormat;
import org.homeamp.formats.ConfigParser;
import org.homeamp.formats.KeyPath;
import org.junit.jupiter.api.Test;

/** The re-read proof: any difference besides the approved changes refuses the file. */
class ConfigEditorGuardTest {
    private final ConfigParser parser = new ConfigParser();

    /** What a naive editor does: replace the first occurrence of the old text anywhere in the file. */
    private static final FormatEditor FIRST_OCCURRENCE = (text, key, value) ->
            text.replaceFirst("20", String.valueOf(value));

    @Test
    void anEditThatAlsoChangesAnotherKeyIsRefusedAndNamesBothKeys() {
        // given: the old value "20" also stands earlier in the file, under another key
        ConfigEditor naive = new ConfigEditor(parser, Map.of(ConfigFormat.YAML, FIRST_OCCURRENCE));
        byte[] text = "spawn-limit: 20\nmax-players: 20\n".getBytes(StandardCharsets.UTF_8);

        // when / then
        assertThatThrownBy(() -> naive.apply("config.yml", text, List.of(new ValueChange(KeyPath.parse("max-players"), 50L))))
                .isInstanceOfSatisfying(EditRefusedException.class, e -> {
                    assertThat(e.file()).isEqualTo("config.yml");
                    assertThat(e.key()).isEqualTo("spawn-limit");
                    assertThat(e.getMessage()).contains("approved: max-players").doesNotContain("50");
                });
    }

    @Test
    void theSameEditWithTheRealEditorTouchesOnlyTheKey() {
        ConfigEditor editor = new ConfigEditor(parser);
        byte[] text = "spawn-limit: 20\nmax-players: 20\n".getBytes(StandardCharsets.UTF_8);

        EditedFile edited = editor.apply("config.yml", text, List.of(new ValueChange(KeyPath.parse("max-players"), 50L)));

        assertThat(new String(edited.bytes(), StandardCharsets.UTF_8)).isEqualTo("spawn-limit: 20\nmax-players: 50\n");
    }

    @Test
    void anEditThatLeavesTheKeyAtAnotherValueIsRefused() {
        ConfigEditor broken = new ConfigEditor(parser, Map.of(ConfigFormat.PROPERTIES, (text, key, value) -> text + "# edited\n"));
        byte[] text = "a=1\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> broken.apply("server.properties", text, List.of(new ValueChange(KeyPath.ofPropertiesKey("a"), "2"))))
                .isInstanceOfSatisfying(EditRefusedException.class, e -> assertThat(e.key()).isEqualTo("a"));
    }

    @Test
    void anEditThatBreaksTheFileIsRefused() {
        ConfigEditor broken = new ConfigEditor(parser, Map.of(ConfigFormat.JSON, (text, key, value) -> text + "}"));
        byte[] text = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> broken.apply("x.json", text, List.of(new ValueChange(KeyPath.parse("a"), 2L))))
                .isInstanceOf(EditRefusedException.class).hasMessageContaining("would not be readable");
    }

    @Test
    void anUnreadableOriginalOrOneThatIsNotUtf8IsRefused() {
        ConfigEditor editor = new ConfigEditor(parser);
        List<ValueChange> change = List.of(new ValueChange(KeyPath.parse("a"), 2L));
        assertThatThrownBy(() -> editor.apply("c.yml", "a: [1\n".getBytes(StandardCharsets.UTF_8), change))
                .isInstanceOf(EditRefusedException.class).hasMessageContaining("cannot be read").hasMessageContaining("line");
        assertThatThrownBy(() -> editor.apply("c.yml", new byte[] {'a', ':', ' ', (byte) 0xC3}, change))
                .isInstanceOf(EditRefusedException.class).hasMessageContaining("cannot be read");
    }

    @Test
    void refusalsNeverQuoteValues() {
        ConfigEditor naive = new ConfigEditor(parser, Map.of(ConfigFormat.YAML, (text, key, value) -> text.replace("hunter2", "x")));
        byte[] text = "a:\n  password: hunter2\nb:\n  password: hunter2\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> naive.apply("c.yml", text, List.of(new ValueChange(KeyPath.parse("b.password"), "x"))))
                .isInstanceOf(EditRefusedException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("a.password").doesNotContain("hunter2"));
    }

    @Test
    void anEditorCrashBecomesARefusalThatDoesNotQuoteTheFile() {
        ConfigEditor crashing = new ConfigEditor(parser, Map.of(ConfigFormat.TOML, (text, key, value) -> {
            throw new IllegalStateException("For input string: \"hunter2\"");
        }));
        byte[] text = "password = \"hunter2\"\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> crashing.apply("x.toml", text, List.of(new ValueChange(KeyPath.parse("password"), "x"))))
                .isInstanceOf(EditRefusedException.class)
                .hasMessageContaining("IllegalStateException").hasMessageNotContaining("hunter2");
    }
}
