package org.homeamp.formats;

import java.util.List;
import java.util.Map;

import org.homeamp.formats.KeyPath;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Minimal edits of Bukkit YAML: finds a value's characters by SnakeYAML's node marks and replaces
 * only them, or inserts a missing key as new lines after its parent's last entry at the column of
 * the parent's first key (missing parent maps are created one indentation step deeper each). Lists
 * keep their style: a flow list stays {@code [a, b]}, a block list stays {@code - a} lines at its
 * column. The document is never re-serialised.
 */
final class YamlEditor implements FormatEditor {
    private static final int DEFAULT_STEP = 2;

    @Override
    public String edit(String text, KeyPath key, Object value) {
        YamlTree tree = YamlTree.parse(text);
        if (key.isRoot()) {
            throw new EditRefusal("the whole document cannot be replaced by a key edit");
        }
        if (tree.root == null) {
            return YamlInsertions.intoEmptyDocument(tree, key.segments(), value);
        }
        YamlTree.Located at = tree.locate(key);
        if (at.node() != null) {
            return replace(tree, at, value);
        }
        return YamlInsertions.insert(tree, at, key.segments().subList(at.found(), key.segments().size()), value);
    }

    private static String replace(YamlTree tree, YamlTree.Located at, Object value) {
        Node node = at.node();
        boolean inFlow = at.chain().stream().anyMatch(YamlEditor::isFlowCollection);
        String text = tree.text;
        if (node instanceof ScalarNode scalar && YamlTree.isBlock(scalar)) {
            return YamlBlockScalars.replace(tree, scalar, value);
        }
        int start = tree.start(node);
        int end = contentEnd(tree, node);
        String replacement;
        if (node instanceof ScalarNode scalar) {
            String replaced = scalar.getScalarStyle() == ScalarStyle.PLAIN ? scalar.getValue() : null;
            replacement = inFlow ? flowValue(value, scalar.getScalarStyle(), replaced)
                    : YamlWriter.value(value, scalar.getScalarStyle(), replaced);
            if (start == end && start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
                replacement = " " + replacement;
            }
        } else if (!inFlow && YamlTree.isBlock(node) && sameKindNotEmpty(node, value)) {
            replacement = YamlWriter.block(value, TextLayout.column(text, start), itemStyle(node), TextLayout.lineEnding(text));
        } else {
            replacement = inFlow || !YamlTree.isBlock(node) ? flowValue(value, itemStyle(node), null)
                    : YamlWriter.value(value, ScalarStyle.PLAIN, null);
        }
        return TextLayout.replace(text, start, end, replacement);
    }

    static String flowValue(Object value, ScalarStyle style, String replaced) {
        return value instanceof List || value instanceof Map ? YamlWriter.flow(value, style)
                : YamlWriter.scalar(value, style, replaced, YamlWriter.Context.FLOW_ITEM);
    }

    static boolean isFlowCollection(Node node) {
        return node instanceof CollectionNode<?> c && c.getFlowStyle() == DumperOptions.FlowStyle.FLOW;
    }

    private static boolean sameKindNotEmpty(Node node, Object value) {
        return node instanceof SequenceNode && value instanceof List<?> list && !list.isEmpty()
                || node instanceof MappingNode && value instanceof Map<?, ?> map && !map.isEmpty();
    }

    /** The quoting the collection's first scalar item uses, so new items look like their siblings. */
    static ScalarStyle itemStyle(Node node) {
        if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                if (item instanceof ScalarNode scalar && !YamlTree.isBlock(scalar)) {
                    return scalar.getScalarStyle();
                }
            }
        }
        return ScalarStyle.PLAIN;
    }

    /**
     * Where a node's own characters end: SnakeYAML's end mark of a block collection or block scalar
     * lies at the next token, past trailing comments and blank lines, which belong to no value.
     */
    static int contentEnd(YamlTree tree, Node node) {
        if (node instanceof ScalarNode scalar && YamlTree.isBlock(scalar)) {
            return YamlBlockScalars.contentEnd(tree, scalar);
        }
        if (node instanceof CollectionNode<?> collection && YamlTree.isBlock(collection)) {
            Node last = lastChild(collection);
            if (last == null) {
                return tree.end(node);
            }
            if (tree.uses(last) > 1) {
                throw new EditRefusal("the map or list ends with an alias (*), so where its text ends is not known");
            }
            return contentEnd(tree, last);
        }
        return tree.end(node);
    }

    static Node lastChild(CollectionNode<?> collection) {
        if (collection instanceof MappingNode mapping) {
            List<NodeTuple> tuples = mapping.getValue();
            return tuples.isEmpty() ? null : tuples.get(tuples.size() - 1).getValueNode();
        }
        List<Node> items = ((SequenceNode) collection).getValue();
        return items.isEmpty() ? null : items.get(items.size() - 1);
    }

    /** The file's indentation step: how much deeper the first nested block map sits than its key; 0 below the root when none. */
    static int indentStep(YamlTree tree, Node node) {
        if (node instanceof MappingNode mapping && YamlTree.isBlock(mapping)) {
            for (NodeTuple tuple : mapping.getValue()) {
                Node value = tuple.getValueNode();
                if (value instanceof MappingNode child && YamlTree.isBlock(child) && !child.getValue().isEmpty()) {
                    int step = TextLayout.column(tree.text, tree.start(child.getValue().get(0).getKeyNode()))
                            - TextLayout.column(tree.text, tree.start(tuple.getKeyNode()));
                    if (step > 0) {
                        return step;
                    }
                }
                int nested = value instanceof MappingNode ? indentStep(tree, value) : 0;
                if (nested > 0) {
                    return nested;
                }
            }
        }
        return node == tree.root ? DEFAULT_STEP : 0;
    }
}
