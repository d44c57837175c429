package org.homeamp.formats;

import java.util.ArrayList;
import java.util.List;

/**
 * A path to a value inside a configuration tree, printed the way findings show it and
 * {@code rules.yml} takes it: map keys joined by dots ({@code storage.pool-settings.maximum-lifetime}),
 * list items as {@code [n]} ({@code components[2].class}), the root as {@code ""}.
 *
 * <p>A map key that would be ambiguous in that form (empty, or holding {@code . [ ] " \ *}, or with
 * spaces at either end) is written in double quotes with {@code \"} and {@code \\} escaped:
 * {@code blocks."minecraft:stone.name".hardness}. {@link #parse(String)} reads exactly what
 * {@link #toString()} writes, so every printed path can be pasted into {@code rules.yml}.
 *
 * <p>A {@code .properties} key is flat but is written as it stands in the file
 * ({@code rcon.password}); {@link #ofPropertiesKey(String)} splits it at its dots so that it prints
 * unchanged and matches the same rule patterns as a YAML path would.
 */
public final class KeyPath {
    private static final KeyPath ROOT = new KeyPath(List.of());

    /** Each segment is a {@link String} map key or an {@link Integer} list index. */
    private final List<Object> segments;

    private KeyPath(List<Object> segments) {
        this.segments = List.copyOf(segments);
    }

    /** The path of the whole document. */
    public static KeyPath root() {
        return ROOT;
    }

    /** Path of a flat {@code .properties} key, printed as written. */
    public static KeyPath ofPropertiesKey(String key) {
        return new KeyPath(List.of((Object[]) key.split("\\.", -1)));
    }

    /** The path of a map key below this one. */
    public KeyPath child(String key) {
        List<Object> next = new ArrayList<>(segments);
        next.add(key);
        return new KeyPath(next);
    }

    /** The path of a list item below this one. */
    public KeyPath index(int index) {
        List<Object> next = new ArrayList<>(segments);
        next.add(index);
        return new KeyPath(next);
    }

    /** Segments: {@link String} keys and {@link Integer} indices, outermost first. */
    public List<Object> segments() {
        return segments;
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /**
     * Reads a printed path.
     *
     * @throws IllegalArgumentException with the position of the problem when the text is not a path
     */
    public static KeyPath parse(String text) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        boolean expectKey = true;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '[' at position " + (i + 1) + " in key path '" + text + "'");
                }
                String digits = text.substring(i + 1, close);
                if (!digits.matches("\\d+")) {
                    throw new IllegalArgumentException("list index '" + digits + "' is not a number in key path '" + text + "'");
                }
                out.add(Integer.parseInt(digits));
                i = close + 1;
                expectKey = false;
            } else if (c == '.' && !expectKey) {
                i++;
                expectKey = true;
                if (i == n) {
                    throw new IllegalArgumentException("key path '" + text + "' ends with '.'");
                }
            } else if (!expectKey) {
                throw new IllegalArgumentException("expected '.' or '[' at position " + (i + 1) + " in key path '" + text + "'");
            } else if (c == '"') {
                StringBuilder key = new StringBuilder();
                i = readQuotedKey(text, i + 1, key);
                out.add(key.toString());
                expectKey = false;
            } else {
                int start = i;
                while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    i++;
                }
                out.add(text.substring(start, i));
                expectKey = false;
            }
        }
        return new KeyPath(out);
    }

    /** Reads a quoted key starting after its opening quote into {@code key}; returns the index after the closing quote. */
    private static int readQuotedKey(String text, int from, StringBuilder key) {
        int i = from;
        int n = text.length();
        while (true) {
            if (i >= n) {
                throw new IllegalArgumentException("unclosed '\"' in key path '" + text + "'");
            }
            char q = text.charAt(i);
            if (q == '\\' && i + 1 < n) {
                key.append(text.charAt(i + 1));
                i += 2;
            } else if (q == '"') {
                return i + 1;
            } else {
                key.append(q);
                i++;
            }
        }
    }

    /** True when a map key must be quoted to survive {@link #parse(String)}. */
    static boolean needsQuotes(String key) {
        if (key.isEmpty() || !key.strip().equals(key)) {
            return true;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.' || c == '[' || c == ']' || c == '"' || c == '\\' || c == '*') {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                out.append('[').append(index).append(']');
                continue;
            }
            if (!out.isEmpty()) {
                out.append('.');
            }
            String key = (String) segment;
            if (needsQuotes(key)) {
                out.append('"').append(key.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                out.append(key);
            }
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyPath path && path.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }
}
