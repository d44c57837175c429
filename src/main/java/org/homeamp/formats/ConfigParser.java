package org.homeamp.formats;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Reads a configuration file's bytes into a {@link ParsedConfig}. Never throws for bad content: a file
 * that cannot be read becomes an unparseable result with line, column and a message, because one
 * broken file on one instance must not stop a scan of the network.
 *
 * <p>YAML is read as Bukkit reads it: SnakeYAML's safe constructor with YAML 1.1 resolution
 * ({@code yes}/{@code on} are booleans), duplicate keys allowed with the last one winning, keys turned
 * into strings. The tree is built from SnakeYAML's node graph rather than its constructor so that a
 * mapping used as a key, which is what an unquoted {@code {{ placeholder }}} becomes, is reported with
 * its line instead of being silently turned into a map key. Loader limits bound aliases, nesting and
 * size, so a hostile file cannot exhaust memory.
 *
 * <p>Thread-safe: every call builds its own SnakeYAML objects; the Jackson mappers are immutable.
 */
public final class ConfigParser {
    /** Large enough for any real plugin config (Essentials' is 48 kB), small enough to bound memory. */
    static final int MAX_CODE_POINTS = 8 * 1024 * 1024;
    static final int MAX_ALIASES = 50;
    static final int MAX_NESTING = 100;

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectMapper TOML = TomlMapper.builder().build();
    private static final Pattern QUOTED_TOKEN = Pattern.compile("'([^'\\n]{2,})'");
    private static final Pattern BAD_UNICODE_ESCAPE = Pattern.compile("(?<!\\\\)\\\\u(?![0-9a-fA-F]{4})");

    /** Parses by the format {@link ConfigFormat#of(String)} gives for the path. */
    public ParsedConfig parse(String path, byte[] bytes) {
        return parse(ConfigFormat.of(path), bytes);
    }

    /** Parses bytes as the given format. */
    public ParsedConfig parse(ConfigFormat format, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                int[] lc = lineColumnOfByte(bytes, i);
                return ParsedConfig.unparseable(format, "binary file (NUL byte at offset " + i + "), not a text configuration", lc[0], lc[1]);
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int[] lc = lineColumnOfByte(bytes, offset);
            return ParsedConfig.unparseable(format, "not UTF-8 text (invalid byte at offset " + offset + ")", lc[0], lc[1]);
        }
        String text = out.flip().toString();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return switch (format) {
            case YAML -> parseYaml(text);
            case PROPERTIES -> parseProperties(text);
            case JSON -> parseJackson(format, JSON, text);
            case TOML -> parseJackson(format, TOML, text);
            case TEXT -> ParsedConfig.ofText(normaliseLineEndings(text));
        };
    }

    public static String normaliseLineEndings(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static int[] lineColumnOfByte(byte[] bytes, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }

    // ---- YAML -------------------------------------------------------------------------------

    /** Exposes the safe constructor's scalar resolution (YAML 1.1 ints, floats, booleans, timestamps). */
    private static final class ScalarConstructor extends SafeConstructor {
        ScalarConstructor(LoaderOptions options) {
            super(options);
        }

        Object scalar(ScalarNode node) {
            return constructObject(node);
        }
    }

    /** A document that YAML accepts but a configuration cannot be, reported at its mark. */
    private static final class ShapeException extends RuntimeException {
        final transient Mark mark;

        ShapeException(Mark mark, String message) {
            super(message);
            this.mark = mark;
        }
    }

    static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    private ParsedConfig parseYaml(String text) {
        LoaderOptions options = loaderOptions();
        ScalarConstructor constructor = new ScalarConstructor(options);
        DumperOptions dumper = new DumperOptions();
        Yaml yaml = new Yaml(constructor, new Representer(dumper), dumper, options, new Resolver());
        try {
            Node root = yaml.compose(new StringReader(text));
            Object tree = root == null ? null : build(root, constructor, new IdentityHashMap<>());
            return ParsedConfig.ofTree(ConfigFormat.YAML, tree);
        } catch (MarkedYAMLException e) {
            // getMessage() would quote the offending source line, which may hold a secret.
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String message = e.getContext() == null ? e.getProblem() : e.getContext() + ": " + e.getProblem();
            return ParsedConfig.unparseable(ConfigFormat.YAML, "invalid YAML: " + message,
                    mark == null ? null : mark.getLine() + 1, mark == null ? null : mark.getColumn() + 1);
        } catch (ShapeException e) {
            return ParsedConfig.unparseable(ConfigFormat.YAML, e.getMessage(), e.mark.getLine() + 1, e.mark.getColumn() + 1);
        } catch (YAMLException e) {
            return ParsedConfig.unparseable(ConfigFormat.YAML, "invalid YAML: " + e.getMessage(), null, null);
        }
    }

    private static Object build(Node node, ScalarConstructor constructor, IdentityHashMap<Node, Boolean> open) {
        if (node instanceof ScalarNode scalar) {
            return normalise(constructor.scalar(scalar));
        }
        if (open.put(node, Boolean.TRUE) != null) {
            throw new ShapeException(node.getStartMark(), "recursive alias: a value contains itself");
        }
        try {
            return node instanceof SequenceNode sequence
                    ? buildList(sequence, constructor, open)
                    : buildMap((MappingNode) node, constructor, open);
        } finally {
            open.remove(node);
        }
    }

    private static List<Object> buildList(SequenceNode sequence, ScalarConstructor constructor, IdentityHashMap<Node, Boolean> open) {
        List<Object> list = new ArrayList<>(sequence.getValue().size());
        for (Node item : sequence.getValue()) {
            list.add(build(item, constructor, open));
        }
        return list;
    }

    private static Map<String, Object> buildMap(MappingNode mapping, ScalarConstructor constructor, IdentityHashMap<Node, Boolean> open) {
        Map<String, Object> map = new LinkedHashMap<>();
        List<Map<String, Object>> merged = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            Node valueNode = tuple.getValueNode();
            if (Tag.MERGE.equals(keyNode.getTag())) {
                collectMerge(valueNode, constructor, open, merged);
                continue;
            }
            if (!(keyNode instanceof ScalarNode keyScalar)) {
                throw new ShapeException(keyNode.getStartMark(),
                        "a mapping or list is used as a key; an unquoted {{ placeholder }} or '{' must be quoted");
            }
            String key = String.valueOf(normalise(constructor.scalar(keyScalar)));
            map.put(key, build(valueNode, constructor, open));
        }
        // YAML merge keys: explicit keys of this mapping win over merged ones.
        for (Map<String, Object> source : merged) {
            source.forEach(map::putIfAbsent);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private static void collectMerge(Node valueNode, ScalarConstructor constructor, IdentityHashMap<Node, Boolean> open,
                                     List<Map<String, Object>> merged) {
        if (valueNode instanceof MappingNode) {
            merged.add((Map<String, Object>) build(valueNode, constructor, open));
        } else if (valueNode instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                if (!(item instanceof MappingNode)) {
                    throw new ShapeException(item.getStartMark(), "a merge key '<<' takes a mapping or a list of mappings");
                }
                merged.add((Map<String, Object>) build(item, constructor, open));
            }
        } else {
            throw new ShapeException(valueNode.getStartMark(), "a merge key '<<' takes a mapping or a list of mappings");
        }
    }

    /**
     * Brings scalars to the few types a tree may hold, so that comparison and rendering never meet
     * an Integer here and a Long there, a Date, or a byte array.
     */
    public static Object normalise(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Double || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (value instanceof Float f) {
            return Double.valueOf(f.toString());
        }
        if (value instanceof Date date) {
            Instant instant = date.toInstant();
            return instant.atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay() == 0 && instant.getNano() == 0
                    ? instant.atOffset(ZoneOffset.UTC).toLocalDate().toString()
                    : instant.toString();
        }
        if (value instanceof TemporalAccessor) {
            return value.toString();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(normalise(k)), normalise(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(normalise(item)));
            return out;
        }
        if (value instanceof Object[] array) {
            return normalise(List.of(array));
        }
        return value.toString();
    }

    // ---- .properties ------------------------------------------------------------------------

    /** Records keys in file order; {@link Properties#load(java.io.Reader)} calls put once per entry. */
    private static final class OrderedProperties extends Properties {
        private final transient Map<String, Object> ordered = new LinkedHashMap<>();

        @Override
        public synchronized Object put(Object key, Object value) {
            ordered.put((String) key, value);
            return super.put(key, value);
        }
    }

    private ParsedConfig parseProperties(String text) {
        OrderedProperties properties = new OrderedProperties();
        try {
            // A Reader, not an InputStream: the stream variant decodes ISO-8859-1 and garbles a raw '§'.
            properties.load(new StringReader(text));
        } catch (IllegalArgumentException e) {
            Integer line = null;
            Integer column = null;
            String[] lines = normaliseLineEndings(text).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = BAD_UNICODE_ESCAPE.matcher(lines[i]);
                if (m.find()) {
                    line = i + 1;
                    column = m.start() + 1;
                    break;
                }
            }
            return ParsedConfig.unparseable(ConfigFormat.PROPERTIES,
                    "invalid .properties: " + e.getMessage() + " (a \\u escape needs four hex digits)", line, column);
        } catch (IOException e) {
            throw new IllegalStateException("reading from a String cannot fail", e);
        }
        return ParsedConfig.ofTree(ConfigFormat.PROPERTIES, new LinkedHashMap<>(properties.ordered));
    }

    // ---- JSON and TOML ----------------------------------------------------------------------

    /**
     * Jackson quotes the offending token ("Unrecognized token 'hunter2'"), which may be a secret
     * value: the unparseable finding keeps the position and the kind of problem, not the token.
     */
    static String withoutQuotedTokens(String message) {
        if (message == null) {
            return "syntax error";
        }
        return QUOTED_TOKEN.matcher(message).replaceAll(match -> switch (match.group(1)) {
            case "null", "true", "false" -> Matcher.quoteReplacement(match.group());
            default -> "'…'";
        });
    }

    private ParsedConfig parseJackson(ConfigFormat format, ObjectMapper mapper, String text) {
        try {
            Object tree = text.isBlank() ? null : mapper.readValue(text, Object.class);
            return ParsedConfig.ofTree(format, normalise(tree));
        } catch (JacksonException e) {
            TokenStreamLocation location = e.getLocation();
            Integer line = location == null || location.getLineNr() < 1 ? null : location.getLineNr();
            Integer column = location == null || location.getColumnNr() < 1 ? null : location.getColumnNr();
            return ParsedConfig.unparseable(format, "invalid " + format + ": " + withoutQuotedTokens(e.getOriginalMessage()), line, column);
        }
    }
}
