package org.homeamp.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A YAML document as a tree that remembers the line of every key and list item. Jackson's own tree
 * model drops locations, and configuration messages must name the line, so the tree is built here
 * from the parser's token stream.
 */
final class YamlTree {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    /** A value in the document; {@code line} is where it starts (1-based). */
    sealed interface Node permits MapNode, ListNode, ScalarNode {
        int line();
    }

    /** A mapping; entries keep the order of the file. */
    record MapNode(int line, Map<String, Entry> entries) implements Node {
    }

    /** One key of a mapping with the line the key is written on. */
    record Entry(String key, int line, Node value) {
    }

    record ListNode(int line, List<Node> items) implements Node {
    }

    /** What YAML made of a scalar: it decides whether {@code 4} is a number and {@code "4"} a string. */
    enum ScalarKind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

    record ScalarNode(int line, String text, ScalarKind kind) implements Node {
        boolean isNull() {
            return kind == ScalarKind.NULL;
        }
    }

    private final Problems problems;

    private YamlTree(Problems problems) {
        this.problems = problems;
    }

    /**
     * Parses {@code content}. Duplicate keys and extra documents go to {@code problems}; a syntax error
     * throws at once, because nothing after it can be trusted.
     *
     * @return the root value, or {@code null} for an empty document
     * @throws ConfigException on a YAML syntax error, naming line and column
     */
    static Node parse(String content, String file, Problems problems) {
        try (JsonParser parser = YAML.createParser(content)) {
            YamlTree tree = new YamlTree(problems);
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            Node root = tree.read(parser, first, "");
            if (parser.nextToken() != null) {
                problems.add(lineOf(parser), "(document)", null, "a second YAML document starts here",
                        "keep the whole configuration in one document: remove the '---' line and what follows, or merge it");
            }
            return root;
        } catch (JacksonException e) {
            throw syntaxError(file, e);
        }
    }

    private Node read(JsonParser parser, JsonToken token, String path) {
        int line = lineOf(parser);
        return switch (token) {
            case START_OBJECT -> readMap(parser, line, path);
            case START_ARRAY -> readList(parser, line, path);
            case VALUE_STRING -> new ScalarNode(line, parser.getString(), ScalarKind.STRING);
            case VALUE_NUMBER_INT -> new ScalarNode(line, parser.getString(), ScalarKind.INTEGER);
            case VALUE_NUMBER_FLOAT -> new ScalarNode(line, parser.getString(), ScalarKind.DECIMAL);
            case VALUE_TRUE, VALUE_FALSE -> new ScalarNode(line, parser.getString(), ScalarKind.BOOLEAN);
            case VALUE_NULL -> new ScalarNode(line, "", ScalarKind.NULL);
            // YAML tags such as !!binary arrive as embedded objects; their text is still the best reading.
            default -> new ScalarNode(line, parser.getString(), ScalarKind.STRING);
        };
    }

    private MapNode readMap(JsonParser parser, int line, String path) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String key = parser.currentName();
            int keyLine = lineOf(parser);
            String keyPath = path.isEmpty() ? key : path + "." + key;
            Node value = read(parser, parser.nextToken(), keyPath);
            Entry first = entries.get(key);
            if (first != null) {
                // Jackson would silently keep the last one; an operator editing the first would be puzzled.
                problems.add(keyLine, keyPath, null, "is given twice (first at line " + first.line() + ")",
                        "keep only one of them");
            } else {
                entries.put(key, new Entry(key, keyLine, value));
            }
        }
        return new MapNode(line, Collections.unmodifiableMap(entries));
    }

    private ListNode readList(JsonParser parser, int line, String path) {
        List<Node> items = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            items.add(read(parser, token, path + "[" + items.size() + "]"));
        }
        return new ListNode(line, List.copyOf(items));
    }

    private static int lineOf(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    /**
     * Builds the message from SnakeYAML's problem mark, which points at the offending character; Jackson's
     * own location can lag a line behind. The source snippet SnakeYAML adds is left out on purpose: it
     * could echo a value an operator would not want in a log.
     */
    private static ConfigException syntaxError(String file, JacksonException e) {
        int line = -1;
        int column = -1;
        String problem = e.getOriginalMessage();
        if (e.getCause() instanceof MarkedYamlEngineException marked) {
            problem = marked.getProblem();
            Mark mark = marked.getProblemMark().orElse(null);
            if (mark != null) {
                line = mark.getLine() + 1;
                column = mark.getColumn() + 1;
            }
            String context = marked.getContext();
            Mark contextMark = marked.getContextMark().orElse(null);
            if (context != null && contextMark != null) {
                problem = problem + " (" + context + " at line " + (contextMark.getLine() + 1) + ", column "
                        + (contextMark.getColumn() + 1) + ")";
            }
        }
        if (line < 0) {
            TokenStreamLocation location = e.getLocation();
            line = location == null ? 1 : Math.max(1, location.getLineNr());
            column = location == null ? 1 : Math.max(1, location.getColumnNr());
        }
        String firstLine = problem == null ? "unreadable" : problem.lines().findFirst().orElse("unreadable").strip();
        return new ConfigException(file + ":" + line + ":" + column + ": is not valid YAML: " + firstLine
                + ". Fix: check the indentation (spaces only, no tabs) and the quoting at this place and on the line before;"
                + " values containing ': ' or starting with '{', '[', '*', '&' or '@' need quotes", e);
    }
}
