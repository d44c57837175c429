package org.homeamp.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The tool's own YAML files ({@code homeamp.yml}, {@code rules.yml}, registry files) as SnakeYAML's node
 * graph: YAML 1.1, the same reader as the plugin configs, and every node keeps the line it starts on, so
 * messages can name {@code file:line}. Values are read as the text the operator wrote; the resolved tag
 * (number, boolean, null) only decides whether a value has the expected type, so {@code files: on} stays
 * the text {@code on} instead of becoming {@code true}.
 */
public final class YamlNodes {
    /** Larger files are refused before parsing: no configuration of this tool comes near it. */
    public static final long MAX_BYTES = 1024 * 1024;

    /** What YAML made of a scalar. */
    public enum Kind { TEXT, WHOLE_NUMBER, DECIMAL, BOOLEAN, NULL }

    /** A syntax error with its 1-based line and column and SnakeYAML's description (never the source snippet). */
    public record SyntaxError(int line, int column, String problem) {
    }

    private YamlNodes() {
    }

    /**
     * Reads a file as UTF-8 text, refusing files over {@link #MAX_BYTES} before reading them.
     *
     * @throws ConfigException naming the file, what is wrong and the fix
     */
    public static String readSmallUtf8(Path file, String shownFile) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ConfigException(shownFile + ":1: is " + size / 1024 + " KiB, more than the " + MAX_BYTES / 1024
                        + " KiB a configuration file of this tool may have. Fix: check that this is the right file"
                        + " (not a log or a database dump) and shorten it");
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new ConfigException(shownFile + ":1: is not UTF-8 text. Fix: save the file as UTF-8", e);
        } catch (IOException e) {
            throw new ConfigException(shownFile + ":1: cannot be read (" + e + "). Fix: check the path and that"
                    + " the service user may read it", e);
        }
    }

    /**
     * Parses every document of {@code text}; most files have one, and callers report a second.
     *
     * @throws YamlSyntaxException on a syntax error
     */
    public static List<Node> composeAll(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit((int) MAX_BYTES * 2);
        List<Node> documents = new ArrayList<>();
        try {
            Iterator<Node> all = new Yaml(options).composeAll(new StringReader(text)).iterator();
            while (all.hasNext()) {
                documents.add(all.next());
            }
        } catch (MarkedYAMLException e) {
            throw new YamlSyntaxException(syntaxError(e), e);
        } catch (YAMLException e) {
            throw new YamlSyntaxException(new SyntaxError(1, 1, firstLine(e.getMessage())), e);
        }
        return documents;
    }

    /** Thrown by {@link #composeAll} for text that is not YAML; callers turn it into their message. */
    public static final class YamlSyntaxException extends RuntimeException {
        private final transient SyntaxError error;

        YamlSyntaxException(SyntaxError error, Throwable cause) {
            super(error.problem(), cause);
            this.error = error;
        }

        public SyntaxError error() {
            return error;
        }
    }

    private static SyntaxError syntaxError(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = e.getProblem() == null ? firstLine(e.getMessage()) : e.getProblem();
        if (e.getContext() != null && e.getContextMark() != null) {
            problem = problem + " (" + e.getContext() + " at line " + (e.getContextMark().getLine() + 1) + ", column "
                    + (e.getContextMark().getColumn() + 1) + ")";
        }
        return new SyntaxError(mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1,
                firstLine(problem));
    }

    private static String firstLine(String s) {
        return s == null ? "unreadable" : s.lines().findFirst().orElse("unreadable").strip();
    }

    /** The 1-based line a node starts on. */
    public static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }

    /** The text of a scalar key, or empty for a key that is a list or map. */
    public static Optional<String> key(NodeTuple tuple) {
        return tuple.getKeyNode() instanceof ScalarNode scalar ? Optional.of(scalar.getValue()) : Optional.empty();
    }

    /** {@code key:} with nothing, {@code ~} or {@code null}. */
    public static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && kind(scalar) == Kind.NULL;
    }

    /** A scalar's text as written; empty for null. */
    public static String text(ScalarNode scalar) {
        return kind(scalar) == Kind.NULL ? "" : scalar.getValue();
    }

    /** The type YAML 1.1 resolved for a scalar; timestamps and other tags count as text. */
    public static Kind kind(ScalarNode scalar) {
        Tag tag = scalar.getTag();
        if (Tag.NULL.equals(tag)) {
            return Kind.NULL;
        }
        if (Tag.INT.equals(tag)) {
            return Kind.WHOLE_NUMBER;
        }
        if (Tag.FLOAT.equals(tag)) {
            return Kind.DECIMAL;
        }
        return Tag.BOOL.equals(tag) ? Kind.BOOLEAN : Kind.TEXT;
    }

    /** A node's type in the words of a message: "a map", "a list", "text", "a whole number", ... */
    public static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return switch (kind((ScalarNode) node)) {
            case TEXT -> "text";
            case WHOLE_NUMBER -> "a whole number";
            case DECIMAL -> "a decimal number";
            case BOOLEAN -> "true/false";
            case NULL -> "empty";
        };
    }

    /**
     * The known key nearest to {@code key}: the same key written in another case or with {@code _} instead of
     * {@code -} (camelCase, snake_case habits), else one within {@code maxDistance} edits.
     */
    public static String closest(String key, List<String> knownKeys, int maxDistance) {
        String folded = fold(key);
        for (String known : knownKeys) {
            if (fold(known).equals(folded)) {
                return known;
            }
        }
        String best = null;
        int bestDistance = maxDistance + 1;
        for (String known : knownKeys) {
            int distance = editDistance(key.toLowerCase(Locale.ROOT).replace('_', '-'), known);
            if (distance < bestDistance) {
                best = known;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static String fold(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** Levenshtein distance. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
