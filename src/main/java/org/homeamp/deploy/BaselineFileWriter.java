package org.homeamp.deploy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.homeamp.baseline.ExpectedFile;
import org.homeamp.formats.ConfigFormat;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Writes the rendered expected file of a {@code new-file} row: the baseline deep-merged with the
 * instance's overlays and variables, in the file's own format. The caller re-reads the bytes with the
 * scan's parser and checks they equal the expected tree, so a value this writer cannot represent
 * faithfully fails the row instead of landing on a server.
 */
final class BaselineFileWriter {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final ObjectMapper TOML = TomlMapper.builder().build();

    private BaselineFileWriter() {
    }

    static byte[] write(ExpectedFile expected) {
        ConfigFormat format = expected.format();
        if (format == ConfigFormat.TEXT) {
            return expected.content().text().getBytes(StandardCharsets.UTF_8);
        }
        Object tree = plain(expected.content().tree());
        String text = switch (format) {
            case YAML -> yaml(tree);
            case PROPERTIES -> properties(tree);
            case JSON -> JSON.writeValueAsString(tree) + "\n";
            case TOML -> TOML.writeValueAsString(tree);
            case TEXT -> throw new IllegalStateException("handled above");
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String yaml(Object tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setAllowUnicode(true);
        options.setSplitLines(false);
        if (tree == null || (tree instanceof Map<?, ?> m && m.isEmpty())) {
            return "{}\n";
        }
        return new Yaml(options).dump(tree);
    }

    private static String properties(Object tree) {
        StringBuilder out = new StringBuilder();
        if (tree instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(escape(String.valueOf(e.getKey()), true)).append('=')
                        .append(e.getValue() == null ? "" : escape(String.valueOf(e.getValue()), false)).append('\n');
            }
        }
        return out.toString();
    }

    /** Escapes as {@link java.util.Properties#load} reads it, keeping non-ASCII as UTF-8. */
    static String escape(String s, boolean key) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case '=', ':', '#', '!' -> {
                    if (key || i == 0) {
                        out.append('\\');
                    }
                    out.append(c);
                }
                case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Numbers the YAML and TOML writers know; BigDecimal is written as a double (checked by the re-read). */
    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(plain(v)));
            return out;
        }
        if (value instanceof BigDecimal d) {
            return d.doubleValue();
        }
        return value;
    }
}
