package org.homeamp.inventory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses plugin descriptors the way the servers do: YAML 1.1 with SnakeYAML (as Bukkit, Paper and
 * BungeeCord read them) and JSON for Velocity.
 */
final class DescriptorParser {
    /** In the order Paper looks for them: a paper-plugin.yml wins over a plugin.yml in the same jar. */
    static final List<String> DESCRIPTOR_FILES = List.of("paper-plugin.yml", "plugin.yml", "bungee.yml", "velocity-plugin.json");
    static final int MAX_DESCRIPTOR_BYTES = 1 << 20;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Building a Yaml (resolvers, regexes) costs more than parsing a descriptor; one per thread, as it is not thread-safe. */
    private static final ThreadLocal<Yaml> YAML = ThreadLocal.withInitial(() -> {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(MAX_DESCRIPTOR_BYTES);
        return new Yaml(new SafeConstructor(options));
    });

    /** Thrown when a descriptor is present but unusable; the message says what is wrong and where. */
    static final class BadDescriptorException extends Exception {
        BadDescriptorException(String message) {
            super(message);
        }
    }

    PluginDescriptor parse(String type, byte[] bytes) throws BadDescriptorException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return type.endsWith(".json") ? parseJson(type, text) : parseYaml(type, text);
    }

    private PluginDescriptor parseYaml(String type, String text) throws BadDescriptorException {
        Object doc;
        try {
            doc = YAML.get().load(text);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            throw new BadDescriptorException(type + " is not valid YAML at line " + (mark == null ? "?" : mark.getLine() + 1)
                    + ", column " + (mark == null ? "?" : mark.getColumn() + 1) + ": " + e.getProblem());
        } catch (RuntimeException e) {
            throw new BadDescriptorException(type + " is not valid YAML: " + e.getMessage());
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new BadDescriptorException(type + " is not a YAML mapping");
        }
        String name = str(map.get("name"));
        if (name == null || name.isBlank()) {
            throw new BadDescriptorException(type + " has no 'name'");
        }
        List<String> authors = new ArrayList<>();
        if (map.get("author") != null) {
            authors.add(str(map.get("author")));
        }
        if (map.get("authors") instanceof List<?> list) {
            list.stream().filter(a -> a != null).map(DescriptorParser::str).forEach(authors::add);
        } else if (map.get("authors") != null) {
            authors.add(str(map.get("authors")));
        }
        return new PluginDescriptor(type, name.trim(), str(map.get("version")), str(map.get("main")), str(map.get("api-version")),
                List.copyOf(authors), str(map.get("website")));
    }

    private PluginDescriptor parseJson(String type, String text) throws BadDescriptorException {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new BadDescriptorException(type + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new BadDescriptorException(type + " is not a JSON object");
        }
        String name = n.hasNonNull("name") ? n.get("name").asString() : n.hasNonNull("id") ? n.get("id").asString() : null;
        if (name == null || name.isBlank()) {
            throw new BadDescriptorException(type + " has neither 'name' nor 'id'");
        }
        List<String> authors = new ArrayList<>();
        if (n.get("authors") != null && n.get("authors").isArray()) {
            n.get("authors").forEach(a -> authors.add(a.asString()));
        }
        return new PluginDescriptor(type, name.trim(), text(n, "version"), text(n, "main"), null, List.copyOf(authors), text(n, "url"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    /** YAML 1.1 may read {@code version: 1.10} as a number: keep what a server would print. */
    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
