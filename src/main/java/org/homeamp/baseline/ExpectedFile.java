package org.homeamp.baseline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.homeamp.formats.ConfigFormat;
import org.homeamp.formats.ParsedConfig;

/**
 * The expected content of one file of one instance, after overlays and variables.
 *
 * @param path       instance-relative path ({@code plugins/Essentials/config.yml})
 * @param format     how the file is compared
 * @param content    the expected tree, or text for {@link ConfigFormat#TEXT}
 * @param unresolved placeholders that had no value; those keys keep the raw {@code {{name}}}
 * @param template   the bytes of the baseline file the expected file starts from (its first layer, with
 *                   its comments and layout), from which deploy writes a {@code new-file} by minimal edits;
 *                   {@code null} when not known
 */
public record ExpectedFile(String path, ConfigFormat format, ParsedConfig content, List<UnresolvedVariable> unresolved, byte[] template) {

    public ExpectedFile {
        unresolved = List.copyOf(unresolved);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExpectedFile e && path.equals(e.path) && format == e.format && content.equals(e.content)
                && unresolved.equals(e.unresolved) && java.util.Arrays.equals(template, e.template);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(path, format, content, unresolved) * 31 + java.util.Arrays.hashCode(template);
    }

    @Override
    public String toString() {
        return "ExpectedFile[path=" + path + ", format=" + format + ", content=" + content + ", unresolved=" + unresolved
                + (template == null ? "" : ", template=" + template.length + " bytes") + "]";
    }

    /** An expected file without a template. */
    public ExpectedFile(String path, ConfigFormat format, ParsedConfig content, List<UnresolvedVariable> unresolved) {
        this(path, format, content, unresolved, null);
    }

    /**
     * A placeholder with no value for the instance.
     *
     * @param keyPath  printed key path of the value holding it ({@code ""} for a text file)
     * @param variable the variable name inside the braces
     */
    public record UnresolvedVariable(String keyPath, String variable) {
    }

    /** The key paths that hold an unresolved placeholder, each once, in file order. */
    public List<String> unresolvedKeys() {
        return unresolved.stream().map(UnresolvedVariable::keyPath).distinct().toList();
    }

    /**
     * The placeholders without a value, grouped by the key path that holds them, in file order.
     *
     * @param keyPath   printed key path of the value ({@code ""} for a text file)
     * @param variables the variable names in that value, each once, in order of appearance
     */
    public record UnresolvedKey(String keyPath, List<String> variables) {
        public UnresolvedKey {
            variables = List.copyOf(variables);
        }
    }

    /**
     * One entry per key path (several variables in one value share an entry, so that drift can make
     * one finding per key and keep finding ids unique).
     */
    public List<UnresolvedKey> unresolvedByKey() {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (UnresolvedVariable variable : unresolved) {
            List<String> names = byKey.computeIfAbsent(variable.keyPath(), k -> new ArrayList<>());
            if (!names.contains(variable.variable())) {
                names.add(variable.variable());
            }
        }
        List<UnresolvedKey> keys = new ArrayList<>();
        byKey.forEach((key, names) -> keys.add(new UnresolvedKey(key, names)));
        return keys;
    }
}
