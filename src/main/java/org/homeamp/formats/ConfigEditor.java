package org.homeamp.formats;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.homeamp.formats.ConfigFormat;
import org.homeamp.formats.ConfigParser;
import org.homeamp.formats.KeyPath;
import org.homeamp.formats.ListOrder;
import org.homeamp.formats.ParsedConfig;
import org.homeamp.formats.Values;

/**
 * Makes approved changes to one configuration file as minimal edits: only the bytes of a changed
 * value change, a missing key is inserted under its parent in the file's own indentation, and
 * comments, order, quoting, indentation, line endings and a UTF-8 byte order mark stay. Every result
 * is re-read with the scan's own {@link ConfigParser} and must differ from the original exactly at
 * the changed keys; otherwise the edit is refused and nothing is returned.
 *
 * <p>Messages name the file and key, never a value, because values may be secrets.
 * Thread-safe: the editors hold no state between calls.
 */
public final class ConfigEditor {
    private static final String BOM = "\uFEFF";

    private final ConfigParser parser;
    private final Map<ConfigFormat, FormatEditor> editors;

    public ConfigEditor(ConfigParser parser) {
        this(parser, defaultEditors());
    }

    /** For tests that need to prove the guard catches an editor that touches too much. */
    ConfigEditor(ConfigParser parser, Map<ConfigFormat, FormatEditor> editors) {
        this.parser = parser;
        this.editors = Map.copyOf(editors);
    }

    private static Map<ConfigFormat, FormatEditor> defaultEditors() {
        Map<ConfigFormat, FormatEditor> editors = new EnumMap<>(ConfigFormat.class);
        editors.put(ConfigFormat.YAML, new YamlEditor());
        editors.put(ConfigFormat.PROPERTIES, new PropertiesEditor());
        editors.put(ConfigFormat.JSON, new JsonEditor());
        editors.put(ConfigFormat.TOML, new TomlEditor());
        return editors;
    }

    /**
     * Applies the changes to the bytes of one instance file (format from its path, as
     * {@link ConfigFormat#of(String)} decides) and returns the edited bytes, proven by re-reading
     * original and result with the scan's parser: the trees differ exactly at the changed keys (each
     * now semantically equal to its new value, as the drift scan compares) and nowhere else.
     *
     * @param file instance-relative path with {@code /} separators, e.g. {@code plugins/Essentials/config.yml}
     * @throws EditRefusedException naming file, key and reason; nothing is returned then
     */
    public EditedFile apply(String file, byte[] original, List<ValueChange> changes) {
        ConfigFormat format = ConfigFormat.of(file);
        FormatEditor editor = editors.get(format);
        if (editor == null) {
            throw new EditRefusedException(file, null, "a " + format + " file is not edited key by key; "
                    + "deploy writes such a file whole from the baseline");
        }
        ParsedConfig before = parser.parse(format, original);
        if (!before.isParseable()) {
            throw new EditRefusedException(file, null, "the file cannot be read as " + format + " (line "
                    + before.line() + ", column " + before.column() + ": " + before.error() + ")");
        }
        String decoded = decode(file, original);
        boolean bom = decoded.startsWith(BOM);
        String text = bom ? decoded.substring(1) : decoded;
        List<KeyPath> changed = new ArrayList<>();
        List<EditProof.TreeChange> treeChanges = new ArrayList<>();
        for (ValueChange change : changes) {
            List<Object> treePath = treePath(format, change.key());
            Object current = EditProof.get(before.tree(), treePath, Absent.VALUE);
            treeChanges.add(new EditProof.TreeChange(treePath, change.value()));
            if (current != Absent.VALUE && Values.semanticEquals(current, change.value(), ListOrder.ORDERED)
                    && !changedBelowOrAbove(changed, change.key())) {
                continue;
            }
            text = editOne(file, editor, text, change);
            changed.add(change.key());
        }
        byte[] result = ((bom ? BOM : "") + text).getBytes(StandardCharsets.UTF_8);
        prove(file, format, before, result, treeChanges, changes);
        return new EditedFile(result, changed);
    }

    private static String editOne(String file, FormatEditor editor, String text, ValueChange change) {
        try {
            return editor.edit(text, change.key(), change.value());
        } catch (EditRefusal refusal) {
            throw new EditRefusedException(file, change.key().toString(), refusal.getMessage());
        } catch (RuntimeException e) {
            // Only the class: a library message may quote the file's text, secrets included.
            throw new EditRefusedException(file, change.key().toString(), "the editor met a construct it does not handle ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** An equal value still needs an edit when an earlier change in this call touched it or its parent. */
    private static boolean changedBelowOrAbove(List<KeyPath> changed, KeyPath key) {
        for (KeyPath done : changed) {
            List<Object> a = done.segments();
            List<Object> b = key.segments();
            int n = Math.min(a.size(), b.size());
            if (a.subList(0, n).equals(b.subList(0, n))) {
                return true;
            }
        }
        return false;
    }

    private void prove(String file, ConfigFormat format, ParsedConfig before, byte[] result,
                       List<EditProof.TreeChange> treeChanges, List<ValueChange> changes) {
        ParsedConfig after = parser.parse(format, result);
        if (!after.isParseable()) {
            throw new EditRefusedException(file, null, "the edited file would not be readable (line " + after.line()
                    + ", column " + after.column() + ": " + after.error() + ")");
        }
        String difference = EditProof.firstUnexpectedDifference(before.tree(), after.tree(), treeChanges);
        if (difference != null) {
            List<String> approved = changes.stream().map(c -> c.key().toString()).toList();
            throw new EditRefusedException(file, difference, "re-reading the edited file shows a difference at this key "
                    + "that is not exactly an approved change (approved: " + String.join(", ", approved) + ")");
        }
    }

    /** The path into the parsed tree: a {@code .properties} key is one flat key holding its dots. */
    private static List<Object> treePath(ConfigFormat format, KeyPath key) {
        if (format != ConfigFormat.PROPERTIES) {
            return key.segments();
        }
        return List.of(PropertiesEditor.flatKey(key));
    }

    private static String decode(String file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new EditRefusedException(file, null, "the file is not UTF-8 text");
        }
    }

    /** Marks a key the original tree does not hold, distinct from a held null. */
    private enum Absent {
        VALUE
    }
}
