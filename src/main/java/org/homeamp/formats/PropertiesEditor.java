package org.homeamp.formats;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.homeamp.formats.KeyPath;

/**
 * Minimal edits of a UTF-8 {@code .properties} file, read by the rules of
 * {@link java.util.Properties#load(java.io.Reader)}: {@code key=value}, {@code key: value} and
 * {@code key value}, escapes and line continuations. The value's characters (to the end of its last
 * continuation line) are replaced by the new value, escaped; a missing key is appended as a new last
 * line with the separator the file's last entry uses. A key given twice is edited where it is last,
 * because that is the one the server reads.
 */
final class PropertiesEditor implements FormatEditor {
    /** One logical line: its key, where its value starts and ends in the text, and its separator. */
    record Entry(String key, int keyEnd, int valueStart, int end, String separator) {
    }

    @Override
    public String edit(String text, KeyPath key, Object value) {
        String flat = flatKey(key);
        String written = escape(asText(value), false);
        List<Entry> entries = entries(text);
        Entry found = null;
        for (Entry entry : entries) {
            if (entry.key().equals(flat)) {
                found = entry;
            }
        }
        if (found != null) {
            String separator = found.valueStart() == found.keyEnd() && found.keyEnd() == found.end() ? "=" : "";
            return TextLayout.replace(text, found.valueStart(), found.end(), separator + written);
        }
        String separator = entries.isEmpty() ? "=" : entries.get(entries.size() - 1).separator();
        String eol = TextLayout.lineEnding(text);
        return TextLayout.insertLines(text, text.length(), escape(flat, true) + separator + written + eol, eol);
    }

    /** A {@code .properties} key path as the flat key the file holds. */
    static String flatKey(KeyPath key) {
        List<String> parts = new ArrayList<>();
        for (Object segment : key.segments()) {
            if (!(segment instanceof String part)) {
                throw new EditRefusal("a .properties file has no lists; the key cannot hold an index [n]");
            }
            parts.add(part);
        }
        return String.join(".", parts);
    }

    private static String asText(Object value) {
        if (value instanceof String || value instanceof Boolean || value instanceof Number && !(value instanceof BigDecimal)) {
            return value.toString();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        throw new EditRefusal("a .properties value is text; " + (value == null ? "no value (null)" : "a list or map")
                + " cannot be written into it");
    }

    static String escape(String text, boolean key) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case ' ' -> out.append(i == 0 || key ? "\\ " : " ");
                case '=', ':', '#', '!' -> out.append(key ? "\\" + c : String.valueOf(c));
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Every key/value line of the file, in order, with positions in the text. */
    static List<Entry> entries(String text) {
        List<Entry> entries = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            i = skipBlank(text, i);
            if (i >= n) {
                break;
            }
            char first = text.charAt(i);
            if (first == '\n' || first == '\r') {
                i++;
                continue;
            }
            if (first == '#' || first == '!') {
                i = TextLayout.nextLineStart(text, i);
                continue;
            }
            StringBuilder logical = new StringBuilder();
            List<Integer> positions = new ArrayList<>();
            i = readLogicalLine(text, i, logical, positions);
            entries.add(split(logical, positions, text));
        }
        return entries;
    }

    private static int skipBlank(String text, int i) {
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\f')) {
            i++;
        }
        return i;
    }

    /** Joins continuation lines; {@code positions} maps each logical character to its index, plus the end. */
    private static int readLogicalLine(String text, int from, StringBuilder logical, List<Integer> positions) {
        int i = from;
        while (true) {
            int end = TextLayout.lineEnd(text, i);
            int backslashes = 0;
            for (int j = end - 1; j >= i && text.charAt(j) == '\\'; j--) {
                backslashes++;
            }
            boolean continued = backslashes % 2 == 1;
            int contentEnd = continued ? end - 1 : end;
            for (int j = i; j < contentEnd; j++) {
                logical.append(text.charAt(j));
                positions.add(j);
            }
            if (!continued || end >= text.length()) {
                positions.add(end);
                return TextLayout.nextLineStart(text, i);
            }
            i = skipBlank(text, TextLayout.nextLineStart(text, i));
        }
    }

    private static Entry split(StringBuilder line, List<Integer> positions, String text) {
        int n = line.length();
        int keyEnd = 0;
        boolean separator = false;
        while (keyEnd < n) {
            char c = line.charAt(keyEnd);
            if (c == '\\') {
                keyEnd += 2;
                continue;
            }
            if (c == '=' || c == ':') {
                separator = true;
                break;
            }
            if (c == ' ' || c == '\t' || c == '\f') {
                break;
            }
            keyEnd++;
        }
        keyEnd = Math.min(keyEnd, n);
        int valueStart = keyEnd + (separator ? 1 : 0);
        while (valueStart < n && " \t\f".indexOf(line.charAt(valueStart)) >= 0) {
            valueStart++;
        }
        if (!separator && valueStart < n && (line.charAt(valueStart) == '=' || line.charAt(valueStart) == ':')) {
            valueStart++;
            while (valueStart < n && " \t\f".indexOf(line.charAt(valueStart)) >= 0) {
                valueStart++;
            }
        }
        int keyEndAt = positions.get(keyEnd);
        int valueAt = positions.get(valueStart);
        String separatorText = text.substring(keyEndAt, valueAt);
        if (separatorText.contains("\n") || separatorText.contains("\r") || separatorText.contains("\\")) {
            separatorText = "=";
        }
        return new Entry(unescape(line.substring(0, keyEnd)), keyEndAt, valueAt, positions.get(n), separatorText);
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 >= text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 >= text.length()) {
                        throw new EditRefusal("a \\u escape in a key needs four hex digits");
                    }
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
