package org.homeamp.formats;

import java.util.List;

import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Inserting a missing key into YAML: new lines after the parent's last entry, at the column of the
 * parent's first key; into a flow map before its closing brace; a key under a key written without a
 * value turns that value into a block map one indentation step deeper. A list item can be added only
 * at the end of its list ({@code [n]} with n = the list's size).
 */
final class YamlInsertions {
    private YamlInsertions() {
    }

    static String insert(YamlTree tree, YamlTree.Located at, List<Object> rest, Object value) {
        Node parent = at.parent();
        String text = tree.text;
        String eol = TextLayout.lineEnding(text);
        if (parent instanceof SequenceNode sequence) {
            return appendItem(tree, sequence, rest, value);
        }
        requireKeys(rest);
        if (parent instanceof MappingNode mapping && YamlEditor.isFlowCollection(mapping)) {
            return intoFlowMap(tree, mapping, rest, value);
        }
        int step = YamlEditor.indentStep(tree, tree.root);
        if (parent instanceof MappingNode mapping) {
            int column = TextLayout.column(text, tree.start(mapping.getValue().get(0).getKeyNode()));
            int at2 = TextLayout.nextLineStart(text, YamlEditor.contentEnd(tree, mapping) - 1);
            return TextLayout.insertLines(text, at2, lines(rest, value, column, step, eol), eol);
        }
        // A key written without a value (or ~, null): its children go on the lines below it.
        boolean inFlow = at.chain().stream().anyMatch(YamlEditor::isFlowCollection);
        Node keyNode = at.keys().isEmpty() ? null : at.keys().get(at.keys().size() - 1);
        if (!YamlTree.isNull(parent) || keyNode == null || inFlow) {
            throw new EditRefusal("the parent of the missing key is neither a map nor a key without a value");
        }
        int column = TextLayout.column(text, tree.start(keyNode)) + step;
        String cleared = TextLayout.replace(text, tree.start(parent), tree.end(parent), "");
        int lineAfter = TextLayout.nextLineStart(cleared, tree.start(keyNode));
        return TextLayout.insertLines(cleared, lineAfter, lines(rest, value, column, step, eol), eol);
    }

    static String intoEmptyDocument(YamlTree tree, List<Object> rest, Object value) {
        requireKeys(rest);
        String eol = TextLayout.lineEnding(tree.text);
        return TextLayout.insertLines(tree.text, tree.text.length(), lines(rest, value, 0, 2, eol), eol);
    }

    private static void requireKeys(List<Object> rest) {
        for (Object segment : rest) {
            if (!(segment instanceof String)) {
                throw new EditRefusal("the list the item belongs to does not exist; approve the whole list instead");
            }
        }
    }

    /** {@code key: value} lines, intermediate maps one step deeper each, each line ending with eol. */
    private static String lines(List<Object> rest, Object value, int column, int step, String eol) {
        StringBuilder out = new StringBuilder();
        int col = column;
        for (int i = 0; i < rest.size(); i++) {
            String key = YamlWriter.scalar(rest.get(i), ScalarStyle.PLAIN, null, YamlWriter.Context.KEY);
            out.append(TextLayout.spaces(col)).append(key).append(':');
            if (i < rest.size() - 1) {
                out.append(eol);
                col += step;
            } else if (isNonEmptyContainer(value)) {
                int inner = col + step;
                out.append(eol).append(TextLayout.spaces(inner))
                        .append(YamlWriter.block(value, inner, ScalarStyle.PLAIN, eol)).append(eol);
            } else {
                out.append(' ').append(YamlWriter.value(value, ScalarStyle.PLAIN, null)).append(eol);
            }
        }
        return out.toString();
    }

    private static boolean isNonEmptyContainer(Object value) {
        return value instanceof List<?> l && !l.isEmpty() || value instanceof java.util.Map<?, ?> m && !m.isEmpty();
    }

    private static String intoFlowMap(YamlTree tree, MappingNode mapping, List<Object> rest, Object value) {
        Object nested = value;
        for (int i = rest.size() - 1; i > 0; i--) {
            nested = java.util.Map.of(String.valueOf(rest.get(i)), nested);
        }
        String key = YamlWriter.scalar(rest.get(0), ScalarStyle.PLAIN, null, YamlWriter.Context.FLOW_ITEM);
        String entry = key + ": " + YamlEditor.flowValue(nested, ScalarStyle.PLAIN, null);
        if (mapping.getValue().isEmpty()) {
            return TextLayout.replace(tree.text, tree.start(mapping) + 1, tree.start(mapping) + 1, entry);
        }
        int end = YamlEditor.contentEnd(tree, mapping.getValue().get(mapping.getValue().size() - 1).getValueNode());
        return TextLayout.replace(tree.text, end, end, ", " + entry);
    }

    private static String appendItem(YamlTree tree, SequenceNode sequence, List<Object> rest, Object value) {
        List<Node> items = sequence.getValue();
        if (rest.size() != 1 || !(rest.get(0) instanceof Integer index) || index != items.size()) {
            throw new EditRefusal("the list has " + items.size() + " items; only an item right after the last one can be added");
        }
        String text = tree.text;
        ScalarStyle style = YamlEditor.itemStyle(sequence);
        if (YamlEditor.isFlowCollection(sequence)) {
            String item = YamlEditor.flowValue(value, style, null);
            if (items.isEmpty()) {
                return TextLayout.replace(text, tree.start(sequence) + 1, tree.start(sequence) + 1, item);
            }
            int end = YamlEditor.contentEnd(tree, items.get(items.size() - 1));
            return TextLayout.replace(text, end, end, ", " + item);
        }
        String eol = TextLayout.lineEnding(text);
        int column = TextLayout.column(text, tree.start(sequence));
        int at = TextLayout.nextLineStart(text, YamlEditor.contentEnd(tree, sequence) - 1);
        String line = TextLayout.spaces(column) + "- " + YamlWriter.value(value, style, null) + eol;
        return TextLayout.insertLines(text, at, line, eol);
    }
}
