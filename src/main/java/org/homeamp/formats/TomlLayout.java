package org.homeamp.formats;

import java.util.ArrayList;
import java.util.List;

/**
 * Where things are in a TOML file: table headers and {@code key = value} lines with the span of each
 * value, scanned as the TOML grammar reads them (strings, multi-line strings, arrays and inline tables
 * may span lines and hold {@code #} and brackets). Only positions are kept; the scan's Jackson reader
 * stays the judge of meaning.
 */
final class TomlLayout {
    /** A {@code [table]} or {@code [[array-of-tables]]} header; {@code end} is the start of the next line. */
    record Header(List<String> path, boolean arrayOfTables, int lineStart, int end) {
    }

    /** A key/value line: full path, its section header (null: root), value span, start of the next line. */
    record Entry(List<String> path, Header section, int lineStart, int valueStart, int valueEnd, int end) {
    }

    final List<Header> headers = new ArrayList<>();
    final List<Entry> entries = new ArrayList<>();
    private final String text;
    private int i;

    private TomlLayout(String text) {
        this.text = text;
    }

    static TomlLayout scan(String text) {
        TomlLayout layout = new TomlLayout(text);
        layout.document();
        return layout;
    }

    /** The spans {start, end} of the items of the array value starting at {@code valueStart}. */
    static List<int[]> arrayItems(String text, int valueStart) {
        TomlLayout layout = new TomlLayout(text);
        layout.i = valueStart;
        layout.expect("[");
        List<int[]> items = new ArrayList<>();
        while (true) {
            layout.skip(true);
            if (layout.accept(']')) {
                return items;
            }
            int start = layout.i;
            layout.value();
            items.add(new int[] {start, layout.i});
            layout.skip(true);
            if (!layout.accept(',')) {
                layout.skip(true);
                layout.expect("]");
                return items;
            }
        }
    }

    private void document() {
        Header section = null;
        while (true) {
            skip(true);
            if (i >= text.length()) {
                return;
            }
            int lineStart = TextLayout.lineStart(text, i);
            if (text.charAt(i) == '[') {
                boolean array = text.startsWith("[[", i);
                i += array ? 2 : 1;
                List<String> path = key();
                expect(array ? "]]" : "]");
                section = new Header(path, array, lineStart, endOfLine());
                headers.add(section);
                continue;
            }
            List<String> path = new ArrayList<>(section == null ? List.of() : section.path());
            path.addAll(key());
            skip(false);
            expect("=");
            skip(false);
            int valueStart = i;
            value();
            int valueEnd = i;
            entries.add(new Entry(List.copyOf(path), section, lineStart, valueStart, valueEnd, endOfLine()));
        }
    }

    /** After a header or value: spaces and an optional comment, then the line break. */
    private int endOfLine() {
        skip(false);
        if (i < text.length() && text.charAt(i) == '#') {
            i = TextLayout.lineEnd(text, i);
        }
        if (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            throw new EditRefusal("the TOML file has more than one statement on a line");
        }
        i = TextLayout.nextLineStart(text, i);
        return i;
    }

    /** A dotted key of bare, "basic" and 'literal' parts. */
    private List<String> key() {
        List<String> parts = new ArrayList<>();
        do {
            skip(false);
            char c = peek();
            if (c == '"' || c == '\'') {
                int start = i;
                quoted(c);
                String raw = text.substring(start + 1, i - 1);
                parts.add(c == '"' ? unescape(raw) : raw);
            } else {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '-')) {
                    i++;
                }
                if (start == i) {
                    throw new EditRefusal("the TOML file has a key the editor cannot read");
                }
                parts.add(text.substring(start, i));
            }
            skip(false);
        } while (accept('.'));
        return parts;
    }

    private void value() {
        char c = peek();
        if (text.startsWith("\"\"\"", i) || text.startsWith("'''", i)) {
            String fence = text.substring(i, i + 3);
            int close = closeOfMultiline(fence);
            i = close + 3;
            while (i < text.length() && text.charAt(i) == fence.charAt(0)) {
                i++;
            }
        } else if (c == '"' || c == '\'') {
            quoted(c);
        } else if (c == '[' || c == '{') {
            nested(c == '[' ? ']' : '}');
        } else {
            int start = i;
            while (i < text.length() && "#\n\r,]}".indexOf(text.charAt(i)) < 0) {
                i++;
            }
            while (i > start && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
                i--;
            }
            if (i == start) {
                throw new EditRefusal("the TOML file has a key without a value");
            }
        }
    }

    private int closeOfMultiline(String fence) {
        int j = i + 3;
        while (j < text.length()) {
            if (fence.charAt(0) == '"' && text.charAt(j) == '\\') {
                j += 2;
                continue;
            }
            if (text.startsWith(fence, j)) {
                return j;
            }
            j++;
        }
        throw new EditRefusal("the TOML file has an unclosed multi-line string");
    }

    private void nested(char close) {
        i++;
        while (true) {
            skip(true);
            char c = peek();
            if (c == close) {
                i++;
                return;
            }
            if (i >= text.length()) {
                throw new EditRefusal("the TOML file has an unclosed array or inline table");
            }
            if (c == ',' || c == '=' || c == '.') {
                i++;
            } else if (close == '}' && c != '"' && c != '\'' && c != '[' && c != '{' && peekIsKeyThenEquals()) {
                key();
            } else {
                value();
            }
        }
    }

    private boolean peekIsKeyThenEquals() {
        int j = i;
        while (j < text.length() && "=,}\n".indexOf(text.charAt(j)) < 0) {
            j++;
        }
        return j < text.length() && text.charAt(j) == '=';
    }

    private void quoted(char quote) {
        i++;
        while (i < text.length() && text.charAt(i) != quote) {
            if (quote == '"' && text.charAt(i) == '\\') {
                i++;
            }
            if (text.charAt(i) == '\n') {
                throw new EditRefusal("the TOML file has an unclosed string");
            }
            i++;
        }
        expect(String.valueOf(quote));
    }

    /** Spaces and tabs; with {@code lines}, also line breaks and comments. */
    private void skip(boolean lines) {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if (lines && (c == '\n' || c == '\r')) {
                i++;
            } else if (lines && c == '#') {
                i = TextLayout.lineEnd(text, i);
            } else {
                return;
            }
        }
    }

    private char peek() {
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private boolean accept(char c) {
        if (peek() == c) {
            i++;
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!text.startsWith(token, i)) {
            throw new EditRefusal("the TOML file is not laid out as the editor expects (expected '" + token + "')");
        }
        i += token.length();
    }

    /** Basic-string escapes of a quoted key. */
    private static String unescape(String raw) {
        StringBuilder out = new StringBuilder();
        for (int j = 0; j < raw.length(); j++) {
            char c = raw.charAt(j);
            if (c != '\\' || j + 1 >= raw.length()) {
                out.append(c);
                continue;
            }
            char e = raw.charAt(++j);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.appendCodePoint(Integer.parseInt(raw.substring(j + 1, j + 5), 16));
                    j += 4;
                }
                case 'U' -> {
                    out.appendCodePoint(Integer.parseInt(raw.substring(j + 1, j + 9), 16));
                    j += 8;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }
}
