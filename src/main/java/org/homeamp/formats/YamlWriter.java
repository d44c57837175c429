package org.homeamp.formats;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.homeamp.formats.ConfigParser;
import org.homeamp.formats.ListOrder;
import org.homeamp.formats.Values;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes values as YAML text for a minimal edit. A string keeps the quoting style it had when the
 * new value can be written in it and reads back as the same string; otherwise it is single-quoted,
 * and double-quoted with escapes when nothing else can hold it. Every candidate is read back with
 * SnakeYAML's YAML 1.1 rules in the context it will stand in (block value, flow item or key), so a
 * string that would read as a boolean, number or null, or that holds {@code : } or {@code  #}, is
 * never written plain. Booleans, numbers and null are written plain.
 */
final class YamlWriter {
    /** Where a scalar will stand, which decides what plain text may hold. */
    enum Context {
        BLOCK_VALUE, FLOW_ITEM, KEY
    }

    private YamlWriter() {
    }

    /** A scalar value in the given context, preferring {@code style} (the text it replaces). */
    static String scalar(Object value, ScalarStyle style, String replacedText, Context context) {
        if (value instanceof String text) {
            for (ScalarStyle candidate : candidates(style, text)) {
                String written = write(text, candidate);
                if (written != null && readsAs(written, context, text)) {
                    return written;
                }
            }
            return doubleQuoted(text);
        }
        String written = typed(value, replacedText);
        if (!readsAs(written, context, value)) {
            throw new EditRefusal("the new value cannot be written as a YAML scalar that reads back the same");
        }
        return written;
    }

    /** A list or map on one line, in flow style, items plain where they can be. */
    static String flow(Object value, ScalarStyle itemStyle) {
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(flow(item, itemStyle)));
            return "[" + String.join(", ", items) + "]";
        }
        if (value instanceof Map<?, ?> map) {
            List<String> entries = new ArrayList<>();
            map.forEach((k, v) -> entries.add(scalar(String.valueOf(k), ScalarStyle.PLAIN, null, Context.KEY)
                    + ": " + flow(v, itemStyle)));
            return "{" + String.join(", ", entries) + "}";
        }
        return scalar(value, itemStyle, null, Context.FLOW_ITEM);
    }

    /** A value where a block value stands: scalars as scalars, lists and maps in flow style. */
    static String value(Object value, ScalarStyle style, String replacedText) {
        return value instanceof List || value instanceof Map ? flow(value, ScalarStyle.PLAIN)
                : scalar(value, style, replacedText, Context.BLOCK_VALUE);
    }

    /**
     * A non-empty list or map in block style, its first line written where the old value started and
     * the others at {@code column}; nested lists and maps go in flow style.
     */
    static String block(Object value, int column, ScalarStyle itemStyle, String eol) {
        List<String> lines = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> lines.add("- " + value(item, itemStyle, null)));
        } else {
            ((Map<?, ?>) value).forEach((k, v) -> lines.add(scalar(String.valueOf(k), ScalarStyle.PLAIN, null, Context.KEY)
                    + ": " + value(v, itemStyle, null)));
        }
        return String.join(eol + TextLayout.spaces(column), lines);
    }

    private static List<ScalarStyle> candidates(ScalarStyle style, String text) {
        List<ScalarStyle> out = new ArrayList<>();
        if (style == ScalarStyle.PLAIN || style == ScalarStyle.SINGLE_QUOTED || style == ScalarStyle.DOUBLE_QUOTED) {
            out.add(style);
        }
        if (!text.contains("\n")) {
            out.add(ScalarStyle.PLAIN);
            out.add(ScalarStyle.SINGLE_QUOTED);
        }
        out.add(ScalarStyle.DOUBLE_QUOTED);
        return out;
    }

    private static String write(String text, ScalarStyle style) {
        return switch (style) {
            case PLAIN -> text.isEmpty() || text.contains("\n") || text.contains("\t") ? null : text;
            case SINGLE_QUOTED -> text.contains("\n") || !printable(text) ? null : "'" + text.replace("'", "''") + "'";
            case DOUBLE_QUOTED -> doubleQuoted(text);
            default -> null;
        };
    }

    private static String typed(Object value, String replacedText) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean b) {
            return booleanLike(b, replacedText);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Double d) {
            if (d.isNaN()) {
                return ".nan";
            }
            if (d.isInfinite()) {
                return d > 0 ? ".inf" : "-.inf";
            }
            // YAML 1.1 floats need a '.' and a signed exponent: 1.0E10 would read as a string.
            String s = Double.toString(d);
            int e = s.indexOf('E');
            return e < 0 || s.charAt(e + 1) == '-' ? s : s.substring(0, e + 1) + "+" + s.substring(e + 1);
        }
        if (value instanceof BigDecimal d) {
            String s = d.toPlainString();
            return s.contains(".") ? s : s + ".0";
        }
        throw new EditRefusal("the new value has a type a configuration tree cannot hold");
    }

    /** {@code yes}/{@code on} files keep their spelling and case: an edit of {@code Yes} writes {@code No}. */
    private static String booleanLike(boolean value, String replacedText) {
        String[] pair = {"true", "false"};
        String old = replacedText == null ? "" : replacedText;
        switch (old.toLowerCase(java.util.Locale.ROOT)) {
            case "yes", "no" -> pair = new String[] {"yes", "no"};
            case "on", "off" -> pair = new String[] {"on", "off"};
            default -> { }
        }
        String word = value ? pair[0] : pair[1];
        if (!old.isEmpty() && old.equals(old.toUpperCase(java.util.Locale.ROOT)) && Character.isLetter(old.charAt(0))) {
            return word.toUpperCase(java.util.Locale.ROOT);
        }
        if (!old.isEmpty() && Character.isUpperCase(old.charAt(0))) {
            return Character.toUpperCase(word.charAt(0)) + word.substring(1);
        }
        return word;
    }

    static String doubleQuoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case 0x85 -> out.append("\\N");
                case 0x2028 -> out.append("\\L");
                case 0x2029 -> out.append("\\P");
                default -> {
                    if (printable(cp) && cp != 0xFEFF) {
                        out.appendCodePoint(cp);
                    } else if (cp <= 0xFFFF) {
                        out.append(String.format("\\u%04X", cp));
                    } else {
                        out.append(String.format("\\U%08X", cp));
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /** The characters a YAML 1.1 stream may hold as they are (SnakeYAML's StreamReader rule). */
    static boolean printable(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0x7E) || cp == 0x85
                || (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    static boolean printable(String text) {
        return text.codePoints().allMatch(YamlWriter::printable) && text.indexOf('\uFEFF') < 0;
    }

    /** Reads the candidate in a small document that puts it in the same context. */
    static boolean readsAs(String written, Context context, Object expected) {
        String document = switch (context) {
            case BLOCK_VALUE -> "k: " + written + "\n";
            case FLOW_ITEM -> "[" + written + "]\n";
            case KEY -> written + ": x\n";
        };
        Object read;
        try {
            read = load(document);
        } catch (YAMLException e) {
            return false;
        }
        Object actual = switch (context) {
            case BLOCK_VALUE -> read instanceof Map<?, ?> m && m.size() == 1 ? m.get("k") : Missing.VALUE;
            case FLOW_ITEM -> read instanceof List<?> l && l.size() == 1 ? l.get(0) : Missing.VALUE;
            case KEY -> read instanceof Map<?, ?> m && m.size() == 1 && m.containsValue("x")
                    ? String.valueOf(m.keySet().iterator().next()) : Missing.VALUE;
        };
        if (expected instanceof String) {
            return Objects.equals(expected, actual);
        }
        return actual != Missing.VALUE && Values.semanticEquals(expected, actual, ListOrder.ORDERED);
    }

    /** A literal block body read back as the scalar it must be. */
    static Object load(String document) {
        LoaderOptions options = YamlTree.options();
        DumperOptions dumper = new DumperOptions();
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new Resolver());
        return ConfigParser.normalise(yaml.load(new StringReader(document)));
    }

    private enum Missing {
        VALUE
    }
}
