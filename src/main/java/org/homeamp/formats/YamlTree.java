package org.homeamp.formats;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.homeamp.formats.ConfigParser;
import org.homeamp.formats.KeyPath;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A YAML document's node graph with character positions, read with the same YAML 1.1 rules and
 * limits as the scan. SnakeYAML marks count code points; positions here are {@link String} indices.
 * An alias makes one node appear at several places, so every node's use count is kept: a shared
 * node cannot be edited without changing its other uses.
 */
final class YamlTree {
    /** The node holding a key path, or the deepest existing parent when the key is missing. */
    record Located(List<Node> chain, List<Node> keys, Node node, int found) {
        Node parent() {
            return chain.get(chain.size() - 1);
        }
    }

    final String text;
    final Node root;
    private final int[] charIndex;
    private final Map<Node, Integer> uses = new IdentityHashMap<>();
    private final KeyConstructor keys = new KeyConstructor(options());

    private YamlTree(String text, Node root) {
        this.text = text;
        this.root = root;
        this.charIndex = text.codePointCount(0, text.length()) == text.length() ? null : codePointIndex(text);
        if (root != null) {
            countUses(root);
        }
    }

    static YamlTree parse(String text) {
        LoaderOptions options = options();
        DumperOptions dumper = new DumperOptions();
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new Resolver());
        try {
            return new YamlTree(text, yaml.compose(new StringReader(text)));
        } catch (YAMLException e) {
            throw new EditRefusal("the file is not one readable YAML document");
        }
    }

    static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(100);
        options.setCodePointLimit(8 * 1024 * 1024);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    private static int[] codePointIndex(String text) {
        int[] index = new int[text.codePointCount(0, text.length()) + 1];
        int cp = 0;
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            index[cp++] = i;
        }
        index[cp] = text.length();
        return index;
    }

    private void countUses(Node node) {
        Integer before = uses.merge(node, 1, Integer::sum);
        if (before > 1) {
            return;
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                countUses(tuple.getKeyNode());
                countUses(tuple.getValueNode());
            }
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(this::countUses);
        }
    }

    int start(Node node) {
        return index(node.getStartMark());
    }

    int end(Node node) {
        return index(node.getEndMark());
    }

    private int index(Mark mark) {
        return charIndex == null ? mark.getIndex() : charIndex[mark.getIndex()];
    }

    static boolean isBlock(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL
                    || scalar.getScalarStyle() == DumperOptions.ScalarStyle.FOLDED;
        }
        return node instanceof CollectionNode<?> collection && collection.getFlowStyle() == DumperOptions.FlowStyle.BLOCK;
    }

    /** True for a plain empty, {@code ~} or {@code null} scalar: a key written without a value. */
    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
    }

    /** The map key as the scan's tree holds it. */
    String keyOf(ScalarNode node) {
        return String.valueOf(ConfigParser.normalise(keys.scalar(node)));
    }

    /**
     * Walks a key path, refusing paths through aliases, anchors, tags and merge keys, where the
     * bytes at a node's position are not the only place its value comes from.
     */
    Located locate(KeyPath key) {
        List<Node> chain = new ArrayList<>();
        List<Node> keyNodes = new ArrayList<>();
        Node node = root;
        List<Object> segments = key.segments();
        for (int i = 0; i < segments.size(); i++) {
            checkEditable(node);
            chain.add(node);
            Object segment = segments.get(i);
            Node next = child(node, segment, keyNodes);
            if (next == null) {
                return new Located(chain, keyNodes, null, i);
            }
            node = next;
        }
        checkEditable(node);
        return new Located(chain, keyNodes, node, segments.size());
    }

    private Node child(Node node, Object segment, List<Node> keyNodes) {
        if (node instanceof MappingNode mapping && segment instanceof String name) {
            NodeTuple found = null;
            boolean merges = false;
            for (NodeTuple tuple : mapping.getValue()) {
                merges |= Tag.MERGE.equals(tuple.getKeyNode().getTag());
                if (tuple.getKeyNode() instanceof ScalarNode k && !Tag.MERGE.equals(k.getTag()) && keyOf(k).equals(name)) {
                    found = tuple;
                }
            }
            if (found == null && merges) {
                throw new EditRefusal("the map takes keys from a merge key '<<'; edit the merged map instead");
            }
            if (found != null) {
                keyNodes.add(found.getKeyNode());
            }
            return found == null ? null : found.getValueNode();
        }
        if (node instanceof SequenceNode sequence && segment instanceof Integer index) {
            List<Node> items = sequence.getValue();
            if (index < items.size()) {
                keyNodes.add(null);
                return items.get(index);
            }
            return null;
        }
        if (node == null || isNull(node)) {
            return null;
        }
        throw new EditRefusal("the path does not fit the file: "
                + (segment instanceof Integer ? "a list item is asked of something that is not a list"
                : "a key is asked of something that is not a map"));
    }

    void checkEditable(Node node) {
        if (node == null) {
            return;
        }
        if (uses.getOrDefault(node, 1) > 1 || node.getAnchor() != null) {
            throw new EditRefusal("the value is shared through a YAML anchor or alias (& or *); editing it here "
                    + "would change its other uses too, so change it by hand");
        }
        int start = start(node);
        char first = start < text.length() ? text.charAt(start) : ' ';
        if (first == '!' || first == '&' || first == '*') {
            throw new EditRefusal("the value carries an explicit YAML tag or anchor, which an edit cannot keep safely");
        }
    }

    /** How many uses the graph makes of a node; more than one means an alias points at it. */
    int uses(Node node) {
        return uses.getOrDefault(node, 0);
    }

    /** Exposes the safe constructor's scalar resolution for keys, as the scan resolves them. */
    private static final class KeyConstructor extends SafeConstructor {
        KeyConstructor(LoaderOptions options) {
            super(options);
        }

        Object scalar(ScalarNode node) {
            return constructObject(node);
        }
    }
}
