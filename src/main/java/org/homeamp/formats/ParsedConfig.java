package org.homeamp.formats;

import java.util.Objects;

/**
 * A configuration file as read by {@link ConfigParser}: a tree for structured formats, normalised
 * text for {@link ConfigFormat#TEXT}, or the reason it could not be read with its 1-based line and
 * column.
 *
 * <p>Trees hold only insertion-ordered {@code Map<String,Object>}, {@code List<Object>}, and
 * scalars: {@link String}, {@link Boolean}, {@link Long} or {@link java.math.BigInteger},
 * {@link Double} or {@link java.math.BigDecimal}, and null. An empty YAML document is a null tree.
 */
public final class ParsedConfig {
    private final ConfigFormat format;
    private final Object tree;
    private final String text;
    private final String error;
    private final Integer line;
    private final Integer column;

    private ParsedConfig(ConfigFormat format, Object tree, String text, String error, Integer line, Integer column) {
        this.format = Objects.requireNonNull(format, "format");
        this.tree = tree;
        this.text = text;
        this.error = error;
        this.line = line;
        this.column = column;
    }

    /** A structured file's tree. */
    public static ParsedConfig ofTree(ConfigFormat format, Object tree) {
        return new ParsedConfig(format, tree, null, null, null, null);
    }

    /** A text file's content, line endings already normalised to {@code \n}. */
    public static ParsedConfig ofText(String text) {
        return new ParsedConfig(ConfigFormat.TEXT, null, Objects.requireNonNull(text, "text"), null, null, null);
    }

    /** A file that could not be read; line and column are 1-based, or null when unknown. */
    public static ParsedConfig unparseable(ConfigFormat format, String error, Integer line, Integer column) {
        return new ParsedConfig(format, null, null, Objects.requireNonNull(error, "error"), line, column);
    }

    public ConfigFormat format() {
        return format;
    }

    public boolean isParseable() {
        return error == null;
    }

    public boolean isText() {
        return isParseable() && format == ConfigFormat.TEXT;
    }

    /** The tree of a parseable structured file; null for an empty YAML document. */
    public Object tree() {
        return tree;
    }

    /** The text of a {@link ConfigFormat#TEXT} file, else null. */
    public String text() {
        return text;
    }

    /** Why the file could not be read, or null. */
    public String error() {
        return error;
    }

    public Integer line() {
        return line;
    }

    public Integer column() {
        return column;
    }

    @Override
    public String toString() {
        if (!isParseable()) {
            return format + " unparseable at " + line + ":" + column + ": " + error;
        }
        return format + (isText() ? " text" : " tree");
    }
}
