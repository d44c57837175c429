package org.homeamp.formats;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.homeamp.formats.KeyPath;

/**
 * Minimal edits of TOML: a {@code key = value} (in a table or as a dotted key) gets only its value's
 * span replaced; a missing key is inserted after the last entry of the deepest {@code [table]} that
 * holds it, as a (dotted) key relative to that table, with that entry's indentation; an item of an
 * array value ({@code try[0]}) gets its own span replaced. Refused rather than guessed: keys inside
 * arrays of tables ({@code [[...]]}), keys inside inline tables, whole tables, new list items, items of
 * nested lists, and null values (TOML has none).
 */
final class TomlEditor implements FormatEditor {
    @Override
    public String edit(String text, KeyPath key, Object value) {
        List<Object> segments = key.segments();
        if (!segments.isEmpty() && segments.get(segments.size() - 1) instanceof Integer index) {
            return editItem(text, segments, index, value);
        }
        List<String> path = stringPath(key);
        TomlLayout layout = TomlLayout.scan(text);
        for (TomlLayout.Header header : layout.headers) {
            if (header.arrayOfTables() && (startsWith(path, header.path()) || path.equals(header.path()))) {
                throw new EditRefusal("the key lies in an array of tables ([[...]]), which is not edited key by key");
            }
            if (path.equals(header.path())) {
                throw new EditRefusal("the key is a whole [table]; approve its keys one by one instead");
            }
        }
        TomlLayout.Entry found = null;
        for (TomlLayout.Entry entry : layout.entries) {
            if (entry.path().equals(path)) {
                found = entry;
            } else if (startsWith(path, entry.path())) {
                throw new EditRefusal("the key lies inside an inline table or value; approve the whole value instead");
            }
        }
        if (found != null) {
            String old = text.substring(found.valueStart(), found.valueEnd());
            return TextLayout.replace(text, found.valueStart(), found.valueEnd(), write(value, old.startsWith("'") && !old.startsWith("'''")));
        }
        return insert(text, layout, path, value);
    }

    /** An item of an array value: only its own span is replaced. */
    private static String editItem(String text, List<Object> segments, int index, Object value) {
        KeyPath arrayKey = KeyPath.root();
        for (Object segment : segments.subList(0, segments.size() - 1)) {
            if (!(segment instanceof String part)) {
                throw new EditRefusal("items of nested TOML lists are not edited one by one; approve the whole list instead");
            }
            arrayKey = arrayKey.child(part);
        }
        List<String> path = stringPath(arrayKey);
        TomlLayout.Entry entry = null;
        for (TomlLayout.Entry candidate : TomlLayout.scan(text).entries) {
            if (candidate.path().equals(path)) {
                entry = candidate;
            }
        }
        if (entry == null || text.charAt(entry.valueStart()) != '[') {
            throw new EditRefusal("the list item's key does not hold a TOML array written as [ ... ]");
        }
        List<int[]> items = TomlLayout.arrayItems(text, entry.valueStart());
        if (index >= items.size()) {
            throw new EditRefusal("the list has " + items.size() + " items; TOML list items are only changed, not added");
        }
        int[] span = items.get(index);
        boolean literal = text.charAt(span[0]) == '\'' && !text.startsWith("'''", span[0]);
        return TextLayout.replace(text, span[0], span[1], write(value, literal));
    }

    private static String insert(String text, TomlLayout layout, List<String> path, Object value) {
        TomlLayout.Header section = null;
        for (TomlLayout.Header header : layout.headers) {
            if (!header.arrayOfTables() && header.path().size() < path.size() && startsWith(path, header.path())
                    && (section == null || header.path().size() > section.path().size())) {
                section = header;
            }
        }
        TomlLayout.Entry last = null;
        for (TomlLayout.Entry entry : layout.entries) {
            if (entry.section() == section) {
                last = entry;
            }
        }
        int at = last != null ? last.end() : section != null ? section.end()
                : layout.headers.isEmpty() ? text.length() : layout.headers.get(0).lineStart();
        String indent = last == null ? "" : leadingWhitespace(text, last.lineStart());
        int depth = section == null ? 0 : section.path().size();
        List<String> relative = new ArrayList<>();
        for (String part : path.subList(depth, path.size())) {
            relative.add(keyPart(part));
        }
        String eol = TextLayout.lineEnding(text);
        String line = indent + String.join(".", relative) + " = " + write(value, false) + eol;
        if (at < text.length() && at > 0 && text.charAt(at - 1) != '\n' && text.charAt(at - 1) != '\r') {
            line = eol + line;
        }
        return TextLayout.insertLines(text, at, line, eol);
    }

    private static String leadingWhitespace(String text, int lineStart) {
        int i = lineStart;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(lineStart, i);
    }

    private static List<String> stringPath(KeyPath key) {
        List<String> path = new ArrayList<>();
        for (Object segment : key.segments()) {
            if (!(segment instanceof String part)) {
                throw new EditRefusal("TOML list items are not edited one by one; approve the whole list instead");
            }
            path.add(part);
        }
        if (path.isEmpty()) {
            throw new EditRefusal("the whole document cannot be replaced by a key edit");
        }
        return path;
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        return prefix.size() < path.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    static String keyPart(String part) {
        return part.matches("[A-Za-z0-9_-]+") ? part : basic(part);
    }

    static String write(Object value, boolean literal) {
        if (value instanceof String s) {
            return literal && s.matches("[^'\\p{Cntrl}]*") ? "'" + s + "'" : basic(s);
        }
        if (value instanceof Boolean || value instanceof Long || value instanceof Integer || value instanceof java.math.BigInteger) {
            return value.toString();
        }
        if (value instanceof Double d) {
            return d.isNaN() ? "nan" : d.isInfinite() ? (d > 0 ? "inf" : "-inf") : d.toString();
        }
        if (value instanceof BigDecimal d) {
            String s = d.toString();
            return s.contains(".") || s.contains("E") ? s : s + ".0";
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(write(item, false)));
            return "[" + String.join(", ", items) + "]";
        }
        if (value instanceof Map<?, ?> map) {
            List<String> entries = new ArrayList<>();
            map.forEach((k, v) -> entries.add(keyPart(String.valueOf(k)) + " = " + write(v, false)));
            return entries.isEmpty() ? "{}" : "{ " + String.join(", ", entries) + " }";
        }
        throw new EditRefusal(value == null ? "TOML has no null value; remove the key by hand instead"
                : "the new value has a type a configuration tree cannot hold");
    }

    static String basic(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
