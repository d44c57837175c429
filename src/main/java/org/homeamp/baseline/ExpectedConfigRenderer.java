package org.homeamp.baseline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.homeamp.formats.ConfigFormat;
import org.homeamp.formats.KeyPath;
import org.homeamp.formats.ParsedConfig;
import org.homeamp.variables.InstanceVariables;

/**
 * Builds an instance's expected file: deep-merges the baseline with overlays, then replaces
 * {@code {{name}}} placeholders with the instance's variables (SPEC §7).
 *
 * <p>Only {@code {{name}}} (spaces inside the braces allowed, as Jinja writes {@code {{ NAME }}}) is a
 * variable. Minecraft's runtime placeholders ({@code %player%}, {@code {MESSAGE}}, {@code <tag>}) and
 * build-time tokens ({@code ${project.version}}) are left alone. Placeholders are replaced in values,
 * not in map keys, so a key path never depends on an instance. A placeholder without a value keeps
 * its raw text and is reported, never a crash.
 */
public final class ExpectedConfigRenderer {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_][A-Za-z0-9_.-]*)\\s*}}");

    /**
     * Merges an overlay onto a base: maps merge key by key (recursively), anything else (lists,
     * scalars, text) is replaced by the overlay. Neither argument is modified.
     */
    public static Object deepMerge(Object base, Object overlay) {
        if (base instanceof Map<?, ?> baseMap && overlay instanceof Map<?, ?> overlayMap) {
            Map<String, Object> merged = new LinkedHashMap<>();
            baseMap.forEach((k, v) -> merged.put((String) k, v));
            overlayMap.forEach((k, v) -> merged.put((String) k, merged.containsKey(k) ? deepMerge(merged.get(k), v) : v));
            return merged;
        }
        return overlay;
    }

    /**
     * Replaces placeholders in a merged tree (or text, for {@link ConfigFormat#TEXT}).
     *
     * @param path          instance-relative path of the file
     * @param treeOrText    the merged tree, or the text of a text file
     */
    public ExpectedFile render(String path, ConfigFormat format, Object treeOrText, InstanceVariables variables) {
        return render(path, format, treeOrText, variables, null);
    }

    /** As above; {@code template} is the bytes of the file's first baseline layer ({@link ExpectedFile#template()}). */
    public ExpectedFile render(String path, ConfigFormat format, Object treeOrText, InstanceVariables variables, byte[] template) {
        List<ExpectedFile.UnresolvedVariable> unresolved = new ArrayList<>();
        if (format == ConfigFormat.TEXT) {
            String text = substituteText((String) treeOrText, KeyPath.root(), variables.values(), unresolved);
            return new ExpectedFile(path, format, ParsedConfig.ofText(text), unresolved, template);
        }
        Object tree = renderValue(treeOrText, KeyPath.root(), format == ConfigFormat.PROPERTIES, variables.values(), unresolved);
        return new ExpectedFile(path, format, ParsedConfig.ofTree(format, tree), unresolved, template);
    }

    private static Object renderValue(Object value, KeyPath path, boolean flatKeys, Map<String, Object> values,
                                      List<ExpectedFile.UnresolvedVariable> unresolved) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String key = (String) k;
                KeyPath child = flatKeys && path.isRoot() ? KeyPath.ofPropertiesKey(key) : path.child(key);
                out.put(key, renderValue(v, child, false, values, unresolved));
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(renderValue(list.get(i), path.index(i), false, values, unresolved));
            }
            return out;
        }
        if (value instanceof String text) {
            Matcher whole = PLACEHOLDER.matcher(text.strip());
            if (whole.matches()) {
                String name = whole.group(1);
                if (values.containsKey(name)) {
                    return values.get(name);
                }
                unresolved.add(new ExpectedFile.UnresolvedVariable(path.toString(), name));
                return text;
            }
            return substituteText(text, path, values, unresolved);
        }
        return value;
    }

    private static String substituteText(String text, KeyPath path, Map<String, Object> values,
                                         List<ExpectedFile.UnresolvedVariable> unresolved) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement;
            if (values.containsKey(name)) {
                replacement = String.valueOf(values.get(name));
            } else {
                unresolved.add(new ExpectedFile.UnresolvedVariable(path.toString(), name));
                replacement = matcher.group();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
