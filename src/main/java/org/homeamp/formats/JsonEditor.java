package org.homeamp.formats;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.homeamp.formats.KeyPath;

/**
 * Minimal edits of JSON: a value's token span is replaced by the new value (lists and maps on one
 * line); a missing key becomes the parent object's first member, on its own line with the first
 * member's indentation when the object spans lines, so no existing line changes (a trailing comma
 * would otherwise have to be added to the last member's line). A list item can be appended.
 */
final class JsonEditor implements FormatEditor {
    @Override
    public String edit(String text, KeyPath key, Object value) {
        JsonSpans.Span node = JsonSpans.parse(text);
        List<Object> segments = key.segments();
        for (int depth = 0; depth < segments.size(); depth++) {
            Object segment = segments.get(depth);
            JsonSpans.Span next = child(node, segment);
            if (next == null) {
                return insert(text, node, segments.subList(depth, segments.size()), value);
            }
            node = next;
        }
        return TextLayout.replace(text, node.start(), node.end(), write(value));
    }

    private static JsonSpans.Span child(JsonSpans.Span node, Object segment) {
        if (node.kind() == '{' && segment instanceof String name) {
            JsonSpans.Span found = null;
            for (JsonSpans.Member member : node.members()) {
                if (member.key().equals(name)) {
                    found = member.value();
                }
            }
            return found;
        }
        if (node.kind() == '[' && segment instanceof Integer index) {
            return index < node.items().size() ? node.items().get(index) : null;
        }
        throw new EditRefusal("the path does not fit the file: " + (segment instanceof Integer
                ? "a list item is asked of something that is not a list" : "a key is asked of something that is not an object"));
    }

    private static String insert(String text, JsonSpans.Span parent, List<Object> rest, Object value) {
        if (parent.kind() == '[') {
            return appendItem(text, parent, rest, value);
        }
        Object nested = value;
        for (int i = rest.size() - 1; i > 0; i--) {
            if (!(rest.get(i) instanceof String name)) {
                throw new EditRefusal("the list the item belongs to does not exist; approve the whole list instead");
            }
            Map<String, Object> wrapper = new LinkedHashMap<>();
            wrapper.put(name, nested);
            nested = wrapper;
        }
        String name = (String) rest.get(0);
        if (parent.members().isEmpty()) {
            return TextLayout.replace(text, parent.start() + 1, parent.start() + 1, quote(name) + ": " + write(nested));
        }
        JsonSpans.Member first = parent.members().get(0);
        String separator = text.substring(first.keyEnd(), first.value().start());
        String entry = quote(name) + separator + write(nested);
        boolean ownLine = text.substring(parent.start(), first.keyStart()).contains("\n");
        if (!ownLine) {
            return TextLayout.replace(text, first.keyStart(), first.keyStart(), entry + ", ");
        }
        int lineStart = TextLayout.lineStart(text, first.keyStart());
        String indent = text.substring(lineStart, first.keyStart());
        return TextLayout.replace(text, lineStart, lineStart, indent + entry + "," + TextLayout.lineEnding(text));
    }

    private static String appendItem(String text, JsonSpans.Span list, List<Object> rest, Object value) {
        List<JsonSpans.Span> items = list.items();
        if (rest.size() != 1 || !(rest.get(0) instanceof Integer index) || index != items.size()) {
            throw new EditRefusal("the list has " + items.size() + " items; only an item right after the last one can be added");
        }
        if (items.isEmpty()) {
            return TextLayout.replace(text, list.start() + 1, list.start() + 1, write(value));
        }
        JsonSpans.Span last = items.get(items.size() - 1);
        boolean ownLines = text.substring(list.start(), items.get(0).start()).contains("\n");
        String gap = ownLines ? TextLayout.lineEnding(text)
                + text.substring(TextLayout.lineStart(text, last.start()), last.start()) : " ";
        return TextLayout.replace(text, last.end(), last.end(), "," + gap + write(value));
    }

    static String write(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Long || value instanceof Integer
                || value instanceof java.math.BigInteger) {
            return String.valueOf(value);
        }
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                throw new EditRefusal("JSON cannot hold NaN or infinity");
            }
            return d.toString();
        }
        if (value instanceof BigDecimal d) {
            return d.toString();
        }
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(write(item)));
            return "[" + String.join(", ", items) + "]";
        }
        if (value instanceof Map<?, ?> map) {
            List<String> entries = new ArrayList<>();
            map.forEach((k, v) -> entries.add(quote(String.valueOf(k)) + ": " + write(v)));
            return "{" + String.join(", ", entries) + "}";
        }
        throw new EditRefusal("the new value has a type a configuration tree cannot hold");
    }

    static String quote(String s) {
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
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
