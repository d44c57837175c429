package org.homeamp.formats;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSON document as spans: each value's start and end in the text, and for objects their members
 * with the key's span. Strict JSON, as the scan's Jackson reader takes it by default.
 */
final class JsonSpans {
    /** A value: kind is one of {@code { [ " n} (n: number, true, false, null). */
    record Span(char kind, int start, int end, List<Member> members, List<Span> items) {
    }

    record Member(String key, int keyStart, int keyEnd, Span value) {
    }

    private final String text;
    private int i;

    private JsonSpans(String text) {
        this.text = text;
    }

    static Span parse(String text) {
        JsonSpans scanner = new JsonSpans(text);
        scanner.skipSpace();
        Span root = scanner.value(0);
        scanner.skipSpace();
        if (scanner.i != text.length()) {
            throw new EditRefusal("the JSON file holds more than one value");
        }
        return root;
    }

    private Span value(int depth) {
        if (depth > 200 || i >= text.length()) {
            throw new EditRefusal("the JSON file is nested too deeply or ends early");
        }
        char c = text.charAt(i);
        int start = i;
        if (c == '{') {
            return object(start, depth);
        }
        if (c == '[') {
            i++;
            List<Span> items = new ArrayList<>();
            skipSpace();
            if (peek() != ']') {
                do {
                    skipSpace();
                    items.add(value(depth + 1));
                    skipSpace();
                } while (accept(','));
            }
            expect(']');
            return new Span('[', start, i, List.of(), items);
        }
        if (c == '"') {
            string();
            return new Span('"', start, i, List.of(), List.of());
        }
        while (i < text.length() && "{}[],: \t\r\n".indexOf(text.charAt(i)) < 0) {
            i++;
        }
        if (i == start) {
            throw new EditRefusal("the JSON file has an unexpected character");
        }
        return new Span('n', start, i, List.of(), List.of());
    }

    private Span object(int start, int depth) {
        i++;
        List<Member> members = new ArrayList<>();
        skipSpace();
        if (peek() != '}') {
            do {
                skipSpace();
                int keyStart = i;
                String key = string();
                int keyEnd = i;
                skipSpace();
                expect(':');
                skipSpace();
                members.add(new Member(key, keyStart, keyEnd, value(depth + 1)));
                skipSpace();
            } while (accept(','));
        }
        expect('}');
        return new Span('{', start, i, members, List.of());
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (i < text.length() && text.charAt(i) != '"') {
            char c = text.charAt(i++);
            if (c == '\\' && i < text.length()) {
                char e = text.charAt(i++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(i, Math.min(i + 4, text.length())), 16));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            } else {
                out.append(c);
            }
        }
        expect('"');
        return out.toString();
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

    private void expect(char c) {
        if (!accept(c)) {
            throw new EditRefusal("the JSON file is not plain JSON where the editor expected '" + c + "'");
        }
    }

    private void skipSpace() {
        while (i < text.length() && " \t\r\n".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
    }
}
