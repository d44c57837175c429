package org.homeamp.formats;

import java.util.Map;

import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Replacing a {@code |} or {@code >} block scalar. The header keeps its trailing comment; the new
 * lines take the old content's indentation. A string stays a block scalar when one can hold it
 * (literal {@code |}, or folded {@code >} for a single line); otherwise, and for any non-string
 * value, the value is written on the header's line in a flow scalar. Blank lines after the block
 * stay where they are. A keep-chomped block ({@code |+}) is refused: its trailing blank lines are
 * part of the old value and cannot be told apart from the spacing before the next key.
 */
final class YamlBlockScalars {
    private YamlBlockScalars() {
    }

    static String replace(YamlTree tree, ScalarNode node, Object value) {
        String text = tree.text;
        int start = tree.start(node);
        int headerEnd = TextLayout.lineEnd(text, start);
        String header = text.substring(start, headerEnd);
        int indicators = 1;
        while (indicators < header.length() && "+-123456789".indexOf(header.charAt(indicators)) >= 0) {
            indicators++;
        }
        if (header.substring(0, indicators).contains("+")) {
            throw new EditRefusal("a keep-chomped block scalar (|+ or >+) cannot be edited without touching the lines after it");
        }
        int end = contentEnd(tree, node);
        String eol = TextLayout.lineEnding(text);
        String block = value instanceof String s ? block(s, header.charAt(0), header.substring(indicators),
                contentIndent(tree, node), eol) : null;
        String replacement = block != null ? block : YamlWriter.value(value, ScalarStyle.DOUBLE_QUOTED, null);
        return TextLayout.replace(text, start, end, replacement);
    }

    /** The end of the last line holding content, so trailing blank lines and comments stay. */
    static int contentEnd(YamlTree tree, ScalarNode node) {
        String text = tree.text;
        int start = tree.start(node);
        int headerEnd = TextLayout.lineEnd(text, start);
        int last = -1;
        for (int i = Math.min(tree.end(node), text.length()) - 1; i >= headerEnd; i--) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                last = i;
                break;
            }
        }
        return last < 0 ? headerEnd : TextLayout.lineEnd(text, last);
    }

    private static int contentIndent(YamlTree tree, ScalarNode node) {
        String text = tree.text;
        int line = TextLayout.nextLineStart(text, tree.start(node));
        int end = contentEnd(tree, node);
        while (line < end) {
            int lineEnd = TextLayout.lineEnd(text, line);
            String content = text.substring(line, lineEnd);
            if (!content.isBlank()) {
                return content.length() - content.stripLeading().length();
            }
            line = TextLayout.nextLineStart(text, line);
        }
        return leadingSpaces(text, TextLayout.lineStart(text, tree.start(node))) + 2;
    }

    private static int leadingSpaces(String text, int lineStart) {
        int i = lineStart;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i - lineStart;
    }

    /** The block text, or null when a block scalar cannot hold the string exactly. */
    private static String block(String value, char style, String headerTail, int indent, String eol) {
        boolean clip = value.endsWith("\n");
        String body = clip ? value.substring(0, value.length() - 1) : value;
        if (body.endsWith("\n") || body.contains("\r") || body.startsWith(" ") || body.startsWith("\t")
                || !YamlWriter.printable(body)) {
            return null;
        }
        char chosen = style == '>' && !body.contains("\n") ? '>' : '|';
        String indicator = chosen + (clip ? "" : "-");
        StringBuilder lines = new StringBuilder();
        StringBuilder sample = new StringBuilder("k: " + indicator + "\n");
        for (String line : body.split("\n", -1)) {
            lines.append(eol).append(line.isEmpty() ? "" : TextLayout.spaces(indent) + line);
            sample.append(line.isEmpty() ? "" : "  " + line).append('\n');
        }
        if (body.isEmpty()) {
            lines.setLength(0);
        }
        Object read = YamlWriter.load(sample.toString());
        if (!(read instanceof Map<?, ?> map) || !value.equals(map.get("k"))) {
            return null;
        }
        return indicator + headerTail + lines;
    }
}
