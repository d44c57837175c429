package org.homeamp.baseline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.homeamp.config.ConfigException;
import org.homeamp.config.YamlNodes;
import org.homeamp.formats.CompareMode;
import org.homeamp.formats.ListOrder;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code baselines/rules.yml} (SPEC §7). Every mistake is collected, then reported together as
 * one {@link ConfigException} with file, line and fix per problem, so an operator fixes them in one
 * go and the run stops before any work.
 *
 * <pre>
 * ignore:
 *   - files: "plugins/*&#47;config.yml"   # optional, default "**" (every file)
 *     keys: ["config-version"]          # required; a list or one pattern
 *     reason: "plugins rewrite this"    # required
 *     until: 2027-01-31                 # optional, ISO date
 * secrets:
 *   keys: ["**.password", "**webhook**"]
 * files:
 *   - files: "server.properties"
 *     mode: exact                       # exact | subset
 *     lists: unordered                  # ordered | unordered
 * </pre>
 */
public final class RulesParser {
    private static final Set<String> TOP_KEYS = Set.of("ignore", "secrets", "files");
    private static final Set<String> IGNORE_KEYS = Set.of("files", "keys", "reason", "until");
    private static final Set<String> SECRET_KEYS = Set.of("keys");
    private static final Set<String> FILE_KEYS = Set.of("files", "mode", "lists");

    /** Reads the rules; a missing file means {@link Rules#empty()}. */
    public Rules parse(Path rulesYml) {
        if (!Files.exists(rulesYml)) {
            return Rules.empty();
        }
        return parse(rulesYml.toString(), YamlNodes.readSmallUtf8(rulesYml, rulesYml.toString()));
    }

    /** Reads rules from text; {@code name} is used in messages. */
    public Rules parse(String name, String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Node> documents;
        try {
            documents = YamlNodes.composeAll(text);
        } catch (YamlNodes.YamlSyntaxException e) {
            throw new ConfigException(name + " line " + e.error().line() + ": invalid YAML: " + e.error().problem()
                    + "; fix the YAML syntax there");
        }
        if (documents.size() > 1) {
            throw new ConfigException(name + " line " + YamlNodes.line(documents.get(1)) + ": a second YAML document starts"
                    + " here; keep all rules in one document (remove the '---' line)");
        }
        if (documents.isEmpty() || YamlNodes.isNull(documents.get(0))) {
            return Rules.empty();
        }
        Reader reader = new Reader(name);
        return reader.read(documents.get(0));
    }

    /** State of one parse: the problems found so far. */
    private static final class Reader {
        private final String name;
        private final List<String> problems = new ArrayList<>();
        private final List<Rules.IgnoreRule> ignores = new ArrayList<>();
        private final List<Rules.SecretPattern> secrets = new ArrayList<>();
        private final List<Rules.FileRule> files = new ArrayList<>();

        Reader(String name) {
            this.name = name;
        }

        Rules read(Node root) {
            if (!(root instanceof MappingNode top)) {
                problem(root, "the file must be a mapping with 'ignore', 'secrets' and 'files'; see docs/baselines.md");
            } else {
                for (NodeTuple entry : top.getValue()) {
                    String key = keyOf(entry);
                    if (key == null) {
                        continue;
                    }
                    switch (key) {
                        case "ignore" -> readIgnores(entry.getValueNode());
                        case "secrets" -> readSecrets(entry.getValueNode());
                        case "files" -> readFiles(entry.getValueNode());
                        default -> problem(entry.getKeyNode(), "unknown key '" + key + "'; allowed: " + sorted(TOP_KEYS));
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return new Rules(ignores, secrets, files);
        }

        private void readIgnores(Node node) {
            for (MappingNode item : listOfMappings(node, "ignore")) {
                String files = "**";
                List<String> keys = null;
                String reason = null;
                LocalDate until = null;
                boolean ok = true;
                for (NodeTuple entry : item.getValue()) {
                    String key = keyOf(entry);
                    if (key == null) {
                        ok = false;
                        continue;
                    }
                    Node value = entry.getValueNode();
                    switch (key) {
                        case "files" -> files = scalar(value, "files", "a glob such as \"plugins/*/config.yml\"");
                        case "keys" -> keys = stringList(value, "keys");
                        case "reason" -> reason = scalar(value, "reason", "a sentence saying why");
                        case "until" -> until = date(value);
                        default -> {
                            problem(entry.getKeyNode(), "unknown key '" + key + "' in an ignore rule; allowed: " + sorted(IGNORE_KEYS));
                            ok = false;
                        }
                    }
                }
                if (keys == null || keys.isEmpty()) {
                    problem(item, "ignore rule without 'keys'; add keys: [\"some.key\"] (use \"**\" for the whole file)");
                    ok = false;
                }
                if (reason == null || reason.isBlank()) {
                    problem(item, "ignore rule without 'reason'; add reason: \"why this drift is accepted\"");
                    ok = false;
                }
                if (ok && files != null && keys != null) {
                    List<Pattern> regexes = keys.stream().map(Patterns::keyPattern).toList();
                    ignores.add(new Rules.IgnoreRule(files, keys, reason, until, where(item), Patterns.fileGlob(files), regexes));
                }
            }
        }

        private void readSecrets(Node node) {
            if (!(node instanceof MappingNode mapping)) {
                problem(node, "'secrets' must be a mapping: secrets: {keys: [\"**.password\"]}");
                return;
            }
            for (NodeTuple entry : mapping.getValue()) {
                String key = keyOf(entry);
                if (key == null) {
                    continue;
                }
                if (!SECRET_KEYS.contains(key)) {
                    problem(entry.getKeyNode(), "unknown key '" + key + "' under secrets; allowed: keys");
                    continue;
                }
                List<String> patterns = stringList(entry.getValueNode(), "keys");
                if (patterns != null) {
                    patterns.forEach(p -> secrets.add(new Rules.SecretPattern(p, Patterns.keyPattern(p))));
                }
            }
        }

        private void readFiles(Node node) {
            for (MappingNode item : listOfMappings(node, "files")) {
                String files = null;
                CompareMode mode = null;
                ListOrder lists = null;
                boolean ok = true;
                for (NodeTuple entry : item.getValue()) {
                    String key = keyOf(entry);
                    if (key == null) {
                        ok = false;
                        continue;
                    }
                    Node value = entry.getValueNode();
                    switch (key) {
                        case "files" -> files = scalar(value, "files", "a glob such as \"server.properties\"");
                        case "mode" -> mode = choice(value, "mode", CompareMode.class);
                        case "lists" -> lists = choice(value, "lists", ListOrder.class);
                        default -> {
                            problem(entry.getKeyNode(), "unknown key '" + key + "' in a files rule; allowed: " + sorted(FILE_KEYS));
                            ok = false;
                        }
                    }
                }
                if (files == null) {
                    problem(item, "files rule without 'files'; add files: \"<glob>\"");
                    ok = false;
                }
                if (ok) {
                    addFileRule(files, mode, lists, item);
                }
            }
        }

        private void addFileRule(String glob, CompareMode mode, ListOrder lists, Node item) {
            files.add(new Rules.FileRule(glob, mode, lists, where(item), Patterns.fileGlob(glob)));
        }

        private List<MappingNode> listOfMappings(Node node, String section) {
            List<MappingNode> out = new ArrayList<>();
            if (node instanceof ScalarNode scalar && scalar.getValue().isEmpty()) {
                return out;
            }
            if (!(node instanceof SequenceNode sequence)) {
                problem(node, "'" + section + "' must be a list of rules, each starting with '- '");
                return out;
            }
            for (Node item : sequence.getValue()) {
                if (item instanceof MappingNode mapping) {
                    out.add(mapping);
                } else {
                    problem(item, "each '" + section + "' rule must be a mapping (files: …)");
                }
            }
            return out;
        }

        private String keyOf(NodeTuple entry) {
            return YamlNodes.key(entry).orElseGet(() -> {
                problem(entry.getKeyNode(), "a key must be plain text");
                return null;
            });
        }

        private String scalar(Node node, String key, String example) {
            if (node instanceof ScalarNode scalar && !scalar.getValue().isEmpty()) {
                return scalar.getValue();
            }
            problem(node, "'" + key + "' must be " + example);
            return null;
        }

        private List<String> stringList(Node node, String key) {
            if (node instanceof ScalarNode scalar && !scalar.getValue().isEmpty()) {
                return List.of(scalar.getValue());
            }
            if (node instanceof SequenceNode sequence) {
                List<String> out = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    if (item instanceof ScalarNode scalar && !scalar.getValue().isEmpty()) {
                        out.add(scalar.getValue());
                    } else {
                        problem(item, "each entry of '" + key + "' must be a key pattern such as \"**.password\"");
                    }
                }
                return out;
            }
            problem(node, "'" + key + "' must be a list of key patterns: [\"a.b\", \"**.password\"]");
            return null;
        }

        private LocalDate date(Node node) {
            if (node instanceof ScalarNode scalar) {
                try {
                    return LocalDate.parse(scalar.getValue().strip());
                } catch (DateTimeParseException e) {
                    // reported below
                }
            }
            problem(node, "'until' must be a date written YYYY-MM-DD, e.g. until: 2027-01-31");
            return null;
        }

        private <E extends Enum<E>> E choice(Node node, String key, Class<E> type) {
            if (node instanceof ScalarNode scalar) {
                try {
                    return Enum.valueOf(type, scalar.getValue().strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    // reported below
                }
            }
            List<String> allowed = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                allowed.add(constant.name().toLowerCase(Locale.ROOT));
            }
            problem(node, "'" + key + "' must be one of " + String.join(" | ", allowed));
            return null;
        }

        private String where(Node node) {
            return name + " line " + YamlNodes.line(node);
        }

        private void problem(Node node, String message) {
            problems.add(where(node) + ": " + message);
        }

        private static String sorted(Set<String> keys) {
            return String.join(", ", keys.stream().sorted().toList());
        }
    }
}
