package org.homeamp.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.homeamp.formats.ConfigParser;
import org.homeamp.formats.KeyPath;
import org.junit.jupiter.api.Test;

/** Minimal YAML edits on fixtures written for the case each test names. */
class YamlEditTest {
    private final ConfigEditor editor = new ConfigEditor(new ConfigParser());

    private String edit(String text, String key, Object value) {
        EditedFile edited = editor.apply("plugins/Test/config.yml", text.getBytes(StandardCharsets.UTF_8),
                List.of(new ValueChange(KeyPath.parse(key), value)));
        return new String(edited.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void plainScalarChangesOnlyItsCharactersAndKeepsTheTrailingComment() {
        String text = "# header\nsettings:\n  max-players: 20   # keep me\n  motd: Hello world\n";
        assertThat(edit(text, "settings.max-players", 50L))
                .isEqualTo("# header\nsettings:\n  max-players: 50   # keep me\n  motd: Hello world\n");
        assertThat(edit(text, "settings.motd", "Goodbye"))
                .isEqualTo("# header\nsettings:\n  max-players: 20   # keep me\n  motd: Goodbye\n");
    }

    @Test
    void quotingStyleIsKeptWhenTheNewValueFitsIt() {
        String text = "a: 'single'\nb: \"double\"\nc: plain\n";
        assertThat(edit(text, "a", "it's")).isEqualTo("a: 'it''s'\nb: \"double\"\nc: plain\n");
        assertThat(edit(text, "b", "say \"hi\"")).isEqualTo("a: 'single'\nb: \"say \\\"hi\\\"\"\nc: plain\n");
    }

    @Test
    void aStringThatWouldReadAsAnotherTypeOrHoldsSpecialCharactersIsQuoted() {
        String text = "c: plain\n";
        assertThat(edit(text, "c", "yes")).isEqualTo("c: 'yes'\n");
        assertThat(edit(text, "c", "20")).isEqualTo("c: '20'\n");
        assertThat(edit(text, "c", "null")).isEqualTo("c: 'null'\n");
        assertThat(edit(text, "c", "a: b")).isEqualTo("c: 'a: b'\n");
        assertThat(edit(text, "c", "x #y")).isEqualTo("c: 'x #y'\n");
        assertThat(edit(text, "c", " padded ")).isEqualTo("c: ' padded '\n");
        assertThat(edit(text, "c", "&anchor")).isEqualTo("c: '&anchor'\n");
        assertThat(edit(text, "c", "two\nlines")).isEqualTo("c: \"two\\nlines\"\n");
    }

    @Test
    void booleansNumbersAndNullAreWrittenPlainAndYesNoFilesKeepTheirSpelling() {
        String text = "a: Yes\nb: off\nc: true\nd: 1.5\ne: 'quoted'\n";
        assertThat(edit(text, "a", false)).isEqualTo("a: No\nb: off\nc: true\nd: 1.5\ne: 'quoted'\n");
        assertThat(edit(text, "b", true)).isEqualTo("a: Yes\nb: on\nc: true\nd: 1.5\ne: 'quoted'\n");
        assertThat(edit(text, "d", 1.0E10)).isEqualTo("a: Yes\nb: off\nc: true\nd: 1.0E+10\ne: 'quoted'\n");
        assertThat(edit(text, "e", 7L)).isEqualTo("a: Yes\nb: off\nc: true\nd: 1.5\ne: 7\n");
        assertThat(edit(text, "c", null)).isEqualTo("a: Yes\nb: off\nc: null\nd: 1.5\ne: 'quoted'\n");
    }

    @Test
    void anEqualValueAsTheScanComparesIsNotEdited() {
        byte[] text = "a: 1.0\nb: on\n".getBytes(StandardCharsets.UTF_8);
        EditedFile edited = editor.apply("config.yml", text, List.of(
                new ValueChange(KeyPath.parse("a"), 1L), new ValueChange(KeyPath.parse("b"), true)));
        assertThat(edited.bytes()).isEqualTo(text);
        assertThat(edited.changed()).isEmpty();
    }

    @Test
    void tabsInsideQuotedStringsSurviveAnEditOfAnotherKey() {
        String text = "a: 'x\ty'\nb: \"p\\tq\"\nc: 1\n";
        assertThat(edit(text, "c", 2L)).isEqualTo("a: 'x\ty'\nb: \"p\\tq\"\nc: 2\n");
        assertThat(edit(text, "a", "m\tn")).isEqualTo("a: 'm\tn'\nb: \"p\\tq\"\nc: 1\n");
    }

    @Test
    void literalAndFoldedBlockScalarsAreReplacedWithTheirIndentation() {
        String text = "motd: |  # shown on join\n    line one\n    line two\n\nnext: |-\n  a\n  b\nfold: >\n  folded\n  text\nend: 1\n";
        assertThat(edit(text, "motd", "new one\nnew two\nnew three\n")).isEqualTo(
                "motd: |  # shown on join\n    new one\n    new two\n    new three\n\nnext: |-\n  a\n  b\nfold: >\n  folded\n  text\nend: 1\n");
        assertThat(edit(text, "next", "only")).isEqualTo(
                "motd: |  # shown on join\n    line one\n    line two\n\nnext: |-\n  only\nfold: >\n  folded\n  text\nend: 1\n");
        assertThat(edit(text, "fold", "one line\n")).isEqualTo(
                "motd: |  # shown on join\n    line one\n    line two\n\nnext: |-\n  a\n  b\nfold: >\n  one line\nend: 1\n");
        assertThat(edit(text, "next", false)).isEqualTo(
                "motd: |  # shown on join\n    line one\n    line two\n\nnext: false\nfold: >\n  folded\n  text\nend: 1\n");
    }

    @Test
    void multiLineQuotedStringIsReplacedWhole() {
        String text = "msg: \"first\n  second\"\nafter: 1\n";
        assertThat(edit(text, "msg", "single")).isEqualTo("msg: \"single\"\nafter: 1\n");
    }

    @Test
    void keepChompedBlockScalarIsRefused() {
        String text = "motd: |+\n  kept\n\nafter: 1\n";
        assertThatThrownBy(() -> edit(text, "motd", "x"))
                .isInstanceOf(EditRefusedException.class).hasMessageContaining("keep-chomped");
    }

    @Test
    void quotedKeysAndKeysWithDotsAreFound() {
        String text = "blocks:\n  \"minecraft:stone.name\": 1\n  'with space': 2\n  plain.dotted: 3\n";
        assertThat(edit(text, "blocks.\"minecraft:stone.name\"", 9L))
                .isEqualTo("blocks:\n  \"minecraft:stone.name\": 9\n  'with space': 2\n  plain.dotted: 3\n");
        assertThat(edit(text, "blocks.with space", 8L))
                .isEqualTo("blocks:\n  \"minecraft:stone.name\": 1\n  'with space': 8\n  plain.dotted: 3\n");
        assertThat(edit(text, "blocks.\"plain.dotted\"", 7L))
                .isEqualTo("blocks:\n  \"minecraft:stone.name\": 1\n  'with space': 2\n  plain.dotted: 7\n");
    }

    @Test
    void listsKeepTheirStyle() {
        String text = "flow: [a, 'b']\nblock:\n  - one\n  - two # second\nindentless:\n- x\nafter: 1\n";
        assertThat(edit("q: ['a']\n", "q", List.of("b", "c"))).isEqualTo("q: ['b', 'c']\n");
        assertThat(edit(text, "flow", List.of("c", "d", "e")))
                .isEqualTo("flow: [c, d, e]\nblock:\n  - one\n  - two # second\nindentless:\n- x\nafter: 1\n");
        assertThat(edit(text, "block", List.of("uno", "dos", "tres")))
                .isEqualTo("flow: [a, 'b']\nblock:\n  - uno\n  - dos\n  - tres # second\nindentless:\n- x\nafter: 1\n");
        assertThat(edit(text, "indentless", List.of("y", "z")))
                .isEqualTo("flow: [a, 'b']\nblock:\n  - one\n  - two # second\nindentless:\n- y\n- z\nafter: 1\n");
        assertThat(edit(text, "block[1]", "deux"))
                .isEqualTo("flow: [a, 'b']\nblock:\n  - one\n  - deux # second\nindentless:\n- x\nafter: 1\n");
        assertThat(edit(text, "flow[0]", "z, y"))
                .isEqualTo("flow: ['z, y', 'b']\nblock:\n  - one\n  - two # second\nindentless:\n- x\nafter: 1\n");
    }

    @Test
    void listItemsCanBeAppendedAtTheEnd() {
        String text = "block:\n  - one\nflow: [a]\nempty: []\n";
        assertThat(edit(text, "block[1]", "two")).isEqualTo("block:\n  - one\n  - two\nflow: [a]\nempty: []\n");
        assertThat(edit(text, "flow[1]", "b")).isEqualTo("block:\n  - one\nflow: [a, b]\nempty: []\n");
        assertThat(edit(text, "empty[0]", "x")).isEqualTo("block:\n  - one\nflow: [a]\nempty: [x]\n");
        assertThatThrownBy(() -> edit(text, "block[5]", "far")).isInstanceOf(EditRefusedException.class)
                .hasMessageContaining("only an item right after the last one");
    }

    @Test
    void missingKeyIsInsertedUnderItsParentWithTheFilesIndentation() {
        String text = "root:\n    child:\n        a: 1\n        # trailing comment\n    other: 2\nlast: 3\n";
        assertThat(edit(text, "root.child.b", "new"))
                .isEqualTo("root:\n    child:\n        a: 1\n        b: new\n        # trailing comment\n    other: 2\nlast: 3\n");
        assertThat(edit(text, "root.made.deeper", true))
                .isEqualTo("root:\n    child:\n        a: 1\n        # trailing comment\n    other: 2\n    made:\n        deeper: true\nlast: 3\n");
        assertThat(edit(text, "top", 5L)).isEqualTo(text + "top: 5\n");
    }

    @Test
    void insertedListsAndMapsAreWrittenAsBlocks() {
        String text = "a:\n  b: 1\n";
        assertThat(edit(text, "a.worlds", List.of("w1", "w2"))).isEqualTo("a:\n  b: 1\n  worlds:\n    - w1\n    - w2\n");
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("x", 1L);
        map.put("y", List.of("p"));
        assertThat(edit(text, "a.m", map)).isEqualTo("a:\n  b: 1\n  m:\n    x: 1\n    y: [p]\n");
    }

    @Test
    void emptyMapsAndListsReceiveAKey() {
        String text = "a: {}\nb: []\nc:\nd: {x: 1}\n";
        assertThat(edit(text, "a.k", "v")).isEqualTo("a: {k: v}\nb: []\nc:\nd: {x: 1}\n");
        assertThat(edit(text, "d.y", 2L)).isEqualTo("a: {}\nb: []\nc:\nd: {x: 1, y: 2}\n");
        assertThat(edit(text, "c.k", "v")).isEqualTo("a: {}\nb: []\nc:\n  k: v\nd: {x: 1}\n");
        assertThat(edit(text, "c", "now")).isEqualTo("a: {}\nb: []\nc: now\nd: {x: 1}\n");
    }

    @Test
    void insertionKeepsAFileWithoutTrailingNewlineThatWay() {
        assertThat(edit("a: 1\nb: 2", "c", 3L)).isEqualTo("a: 1\nb: 2\nc: 3");
    }

    @Test
    void crlfLineEndingsAndTheByteOrderMarkStay() {
        byte[] text = "\uFEFFa:\r\n  b: 1\r\n  c: [x]\r\n".getBytes(StandardCharsets.UTF_8);
        EditedFile edited = editor.apply("config.yml", text, List.of(
                new ValueChange(KeyPath.parse("a.b"), 2L),
                new ValueChange(KeyPath.parse("a.d"), "new"),
                new ValueChange(KeyPath.parse("a.e"), List.of("p", "q"))));
        assertThat(new String(edited.bytes(), StandardCharsets.UTF_8))
                .isEqualTo("\uFEFFa:\r\n  b: 2\r\n  c: [x]\r\n  d: new\r\n  e:\r\n    - p\r\n    - q\r\n");
        assertThat(edited.changed()).containsExactly(KeyPath.parse("a.b"), KeyPath.parse("a.d"), KeyPath.parse("a.e"));
    }

    @Test
    void documentStartMarkerAndEmojiBeforeTheValueDoNotShiftPositions() {
        String text = "---\n# 😀 emoji moves code points against chars\nname: \"😀 smile\"\nport: 1\n";
        assertThat(edit(text, "port", 2L)).isEqualTo("---\n# 😀 emoji moves code points against chars\nname: \"😀 smile\"\nport: 2\n");
        assertThat(edit(text, "name", "😀😀")).isEqualTo("---\n# 😀 emoji moves code points against chars\nname: \"😀😀\"\nport: 1\n");
    }

    @Test
    void anchoredOrAliasedValuesAreRefused() {
        String text = "base: &b\n  speed: 1\ncopy: *b\nlist: &l [1]\nother: 2\n";
        assertThatThrownBy(() -> edit(text, "base.speed", 5L)).isInstanceOf(EditRefusedException.class)
                .hasMessageContaining("anchor or alias").hasMessageContaining("base.speed");
        assertThatThrownBy(() -> edit(text, "copy.speed", 5L)).isInstanceOf(EditRefusedException.class)
                .hasMessageContaining("anchor or alias");
        assertThatThrownBy(() -> edit(text, "list", List.of(2L))).isInstanceOf(EditRefusedException.class);
        assertThat(edit(text, "other", 3L)).isEqualTo("base: &b\n  speed: 1\ncopy: *b\nlist: &l [1]\nother: 3\n");
    }

    @Test
    void mergeKeysAreRefusedForKeysTheyProvide() {
        String text = "defaults: &d {a: 1}\nworld:\n  <<: *d\n  b: 2\n";
        assertThatThrownBy(() -> edit(text, "world.a", 5L)).isInstanceOf(EditRefusedException.class)
                .hasMessageContaining("merge key");
    }

    @Test
    void twoDocumentsAreRefusedAsTheScanCannotReadThem() {
        assertThatThrownBy(() -> edit("a: 1\n---\nb: 2\n", "a", 2L)).isInstanceOf(EditRefusedException.class)
                .hasMessageContaining("cannot be read");
    }

    @Test
    void duplicateKeysAreEditedWhereTheLastOneStands() {
        assertThat(edit("a: 1\na: 2\n", "a", 3L)).isEqualTo("a: 1\na: 3\n");
    }

    @Test
    void aSecretValueNeverAppearsInARefusal() {
        String text = "db: &x\n  password: hunter2\nalias: *x\n";
        assertThatThrownBy(() -> edit(text, "db.password", "s3cr3t-new"))
                .isInstanceOf(EditRefusedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("s3cr3t-new"));
    }

    @Test
    void blockMapReplacedByAMapStaysABlockAtItsColumn() {
        String text = "a:\n  limits:\n    x: 1\n    y: 2\n  after: 0\n";
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("x", 5L);
        limits.put("z", List.of("p", "q"));
        assertThat(edit(text, "a.limits", limits)).isEqualTo("a:\n  limits:\n    x: 5\n    z: [p, q]\n  after: 0\n");
        assertThat(edit(text, "a.limits", Map.of())).isEqualTo("a:\n  limits:\n    {}\n  after: 0\n");
    }

    @Test
    void blockScalarInACrlfFileKeepsCrlf() {
        String text = "motd: |-\r\n  old\r\nnext: 1\r\n";
        assertThat(edit(text, "motd", "new\nlines")).isEqualTo("motd: |-\r\n  new\r\n  lines\r\nnext: 1\r\n");
    }

    @Test
    void aMissingKeyUnderAListItemMapTakesTheItemsColumn() {
        String text = "worlds:\n  - name: w1\n    pvp: true\n  - name: w2\n";
        assertThat(edit(text, "worlds[1].pvp", false)).isEqualTo("worlds:\n  - name: w1\n    pvp: true\n  - name: w2\n    pvp: false\n");
    }
}
