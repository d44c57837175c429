package org.homeamp.updates.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

import org.homeamp.config.ConfigException;
import org.homeamp.config.YamlNodes;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads and validates {@code <registry-dir>/plugins/*.yml} (SPEC §8). Every problem of every file is
 * collected with its file, line and fix, so a volunteer fixes them in one go; invalid entries are left
 * out of the returned {@link Registry}. SnakeYAML's node tree is used because it keeps line numbers.
 */
public final class RegistryLoader {
    static final List<String> KEYS = List.of("name", "source", "project", "asset", "channel", "platform",
            "version-pattern", "hold", "notes");
    private static final Pattern MODRINTH_PROJECT = Pattern.compile("[A-Za-z0-9_.-]{2,64}");
    private static final Pattern OWNER_SLASH_NAME = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern HOLD_PREFIX = Pattern.compile("\\d[\\w.+-]*");
    private static final Pattern HTTP_URL = Pattern.compile("https?://\\S+");
    private static final Pattern JENKINS_JOB = Pattern.compile("(https?://\\S+|[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*)");

    /** Reads {@code registryDir/plugins/*.yml}. Never throws for content problems: they are in {@link Registry#problems()}. */
    public Registry load(Path registryDir) {
        List<RegistryProblem> problems = new ArrayList<>();
        List<RegistryEntry> entries = new ArrayList<>();
        Path pluginsDir = registryDir.resolve("plugins");
        if (!Files.isDirectory(pluginsDir)) {
            problems.add(new RegistryProblem(pluginsDir, 0, "the registry folder has no plugins/ folder",
                    "set homeamp.registry-dir to the folder that holds plugins/, or copy the shipped registry/ there"));
            return new Registry(registryDir, entries, problems);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(pluginsDir)) {
            files = listing.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yml") || p.getFileName().toString().endsWith(".yaml"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            problems.add(new RegistryProblem(pluginsDir, 0, "cannot list the folder: " + e.getMessage(),
                    "check that the homeamp user may read it"));
            return new Registry(registryDir, entries, problems);
        }
        Map<String, RegistryEntry> seen = new HashMap<>();
        for (Path file : files) {
            List<RegistryProblem> fileProblems = new ArrayList<>();
            RegistryEntry entry = loadFile(file, fileProblems);
            if (entry != null) {
                RegistryEntry earlier = seen.putIfAbsent(entry.name().toLowerCase(Locale.ROOT), entry);
                if (earlier != null) {
                    fileProblems.add(new RegistryProblem(file, entry.line(), "plugin name '" + entry.name()
                            + "' is already used by " + earlier.where() + " (names are matched ignoring case)",
                            "keep one file per plugin: delete or merge one of the two"));
                }
            }
            problems.addAll(fileProblems);
            if (entry != null && fileProblems.isEmpty()) {
                entries.add(entry);
            }
        }
        return new Registry(registryDir, entries, problems);
    }

    private RegistryEntry loadFile(Path file, List<RegistryProblem> problems) {
        MappingNode mapping = parseFile(file, problems);
        if (mapping == null) {
            return null;
        }
        Map<String, NodeTuple> values = knownValues(file, mapping, problems);
        Fields fields = new Fields(file, values, problems);
        String name = fields.required("name", "the plugin's name as in its plugin.yml, e.g. name: LuckPerms");
        SourceType source = source(fields);
        String project = source == SourceType.MANUAL ? fields.optional("project")
                : fields.required("project", "where to look, see registry/README.md for the form per source");
        if (project != null && source != null) {
            checkProject(fields, source, project);
        }
        String asset = fields.optional("asset");
        if (asset != null) {
            fields.regex("asset", asset, false);
        }
        Channel channel = channel(fields);
        String platform = fields.optional("platform");
        String versionPattern = fields.optional("version-pattern");
        if (versionPattern != null) {
            fields.regex("version-pattern", versionPattern, true);
        }
        Hold hold = fields.hold();
        String notes = fields.optional("notes");
        int nameLine = values.containsKey("name") ? YamlNodes.line(values.get("name").getKeyNode()) : YamlNodes.line(mapping);
        checkFileName(file, name, nameLine, problems);
        if (!problems.isEmpty() || name == null || source == null || channel == null || hold == null) {
            return name == null ? null : new RegistryEntry(name, source == null ? SourceType.MANUAL : source, project,
                    asset, channel == null ? Channel.RELEASE : channel, platform, versionPattern, Hold.NONE,
                    notes == null ? "" : notes, file, nameLine);
        }
        return new RegistryEntry(name, source, project, asset, channel,
                platform == null ? RegistryEntry.DEFAULT_PLATFORM : platform, versionPattern, hold,
                notes == null ? "" : notes, file, nameLine);
    }

    /** The file's mapping, or {@code null} with a problem when it is not YAML or not a mapping. */
    private static MappingNode parseFile(Path file, List<RegistryProblem> problems) {
        Node root;
        try {
            List<Node> documents = YamlNodes.composeAll(YamlNodes.readSmallUtf8(file, file.toString()));
            root = documents.isEmpty() ? null : documents.get(0);
        } catch (YamlNodes.YamlSyntaxException e) {
            problems.add(new RegistryProblem(file, e.error().line(), "not valid YAML: " + e.error().problem(),
                    "compare the file with registry/README.md; quote values containing ':' or '#', e.g. asset: 'x-.*\\.jar'"));
            return null;
        } catch (ConfigException e) {
            problems.add(new RegistryProblem(file, 0, "cannot read the file: " + e.getMessage(),
                    "check the file's permissions and encoding (UTF-8)"));
            return null;
        }
        if (!(root instanceof MappingNode mapping)) {
            problems.add(new RegistryProblem(file, root == null ? 0 : YamlNodes.line(root),
                    "the file must be a mapping of keys (name:, source:, project:, ...)",
                    "start from a copy of another file in the same folder"));
            return null;
        }
        return mapping;
    }

    /** The known keys of the mapping; unknown and repeated keys are problems. */
    private static Map<String, NodeTuple> knownValues(Path file, MappingNode mapping, List<RegistryProblem> problems) {
        Map<String, NodeTuple> values = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = YamlNodes.key(tuple).orElse(String.valueOf(tuple.getKeyNode()));
            if (!KEYS.contains(key)) {
                String suggestion = closest(key);
                problems.add(new RegistryProblem(file, YamlNodes.line(tuple.getKeyNode()), "'" + key + "' is not a known key",
                        (suggestion == null ? "remove it" : "did you mean '" + suggestion + "'? rename it")
                                + "; known keys: " + String.join(", ", KEYS)));
                continue;
            }
            if (values.putIfAbsent(key, tuple) != null) {
                problems.add(new RegistryProblem(file, YamlNodes.line(tuple.getKeyNode()), "'" + key + "' is given twice",
                        "keep one of the two lines"));
            }
        }
        return values;
    }

    private static SourceType source(Fields fields) {
        String sourceText = fields.required("source", "one of modrinth, hangar, spigot, github, jenkins, url, manual");
        if (sourceText == null) {
            return null;
        }
        SourceType source = SourceType.of(sourceText).orElse(null);
        if (source == null) {
            fields.problem("source", "source '" + sourceText + "' is not known",
                    "use one of modrinth, hangar, spigot, github, jenkins, url, manual");
        }
        return source;
    }

    private static Channel channel(Fields fields) {
        String channelText = fields.optional("channel");
        if (channelText == null) {
            return Channel.RELEASE;
        }
        Channel channel = Channel.of(channelText).orElse(null);
        if (channel == null) {
            fields.problem("channel", "channel '" + channelText + "' is not known",
                    "use release, beta or alpha (the least stable channel you accept)");
        }
        return channel;
    }

    private static void checkFileName(Path file, String name, int nameLine, List<RegistryProblem> problems) {
        if (name == null) {
            return;
        }
        String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (!base.equals(name)) {
            problems.add(new RegistryProblem(file, nameLine, "the file is named " + file.getFileName()
                    + " but the plugin is '" + name + "'", "rename the file to " + name + ".yml"));
        }
    }

    private static void checkProject(Fields fields, SourceType source, String project) {
        switch (source) {
            case MODRINTH -> {
                if (!MODRINTH_PROJECT.matcher(project).matches()) {
                    fields.problem("project", "'" + project + "' is not a Modrinth slug or id",
                            "write the slug from the project's URL (modrinth.com/plugin/<slug>) or its 8-character id");
                }
            }
            case HANGAR -> {
                if (!OWNER_SLASH_NAME.matcher(project).matches()) {
                    fields.problem("project", "'" + project + "' is not a Hangar owner/slug",
                            "write it as in hangar.papermc.io/<owner>/<slug>, e.g. project: ViaVersion/ViaVersion");
                }
            }
            case SPIGOT -> {
                if (!DIGITS.matcher(project).matches()) {
                    fields.problem("project", "'" + project + "' is not a SpigotMC resource id",
                            "write the number at the end of the resource URL, e.g. project: 34315");
                }
            }
            case GITHUB -> {
                if (!OWNER_SLASH_NAME.matcher(project).matches()) {
                    fields.problem("project", "'" + project + "' is not a GitHub owner/repo",
                            "write it as in github.com/<owner>/<repo>, e.g. project: MilkBowl/Vault");
                }
            }
            case JENKINS -> {
                if (!JENKINS_JOB.matcher(project).matches()) {
                    fields.problem("project", "'" + project + "' is not a Jenkins job URL",
                            "write the job's URL, e.g. project: https://ci.example.org/job/MyPlugin/");
                }
            }
            case URL -> {
                if (!HTTP_URL.matcher(project).matches()) {
                    fields.problem("project", "'" + project + "' is not an http(s) URL",
                            "write the direct download URL, e.g. project: https://example.org/MyPlugin.jar");
                }
            }
            case MANUAL -> {
                // Any text is fine: it only documents where to look by hand.
            }
        }
    }

    /** The known key nearest to a misspelt one, if it is close enough to be a typo. */
    static String closest(String key) {
        return YamlNodes.closest(key, KEYS, Math.max(2, key.length() / 3));
    }

    /** Typed access to one file's values, reporting wrong shapes to the problem list. */
    private static final class Fields {
        private final Path file;
        private final Map<String, NodeTuple> values;
        private final List<RegistryProblem> problems;

        Fields(Path file, Map<String, NodeTuple> values, List<RegistryProblem> problems) {
            this.file = file;
            this.values = values;
            this.problems = problems;
        }

        void problem(String key, String message, String fix) {
            NodeTuple tuple = values.get(key);
            problems.add(new RegistryProblem(file, tuple == null ? 1 : YamlNodes.line(tuple.getValueNode()), message, fix));
        }

        String required(String key, String example) {
            String value = optional(key);
            if (value == null && (!values.containsKey(key) || isNull(key))) {
                problems.add(new RegistryProblem(file, values.containsKey(key) ? YamlNodes.line(values.get(key).getKeyNode()) : 1,
                        "'" + key + "' is missing", "add " + key + ": " + example));
            }
            return value;
        }

        private boolean isNull(String key) {
            Node node = values.get(key).getValueNode();
            return YamlNodes.isNull(node) || node instanceof ScalarNode s && s.getValue().isBlank();
        }

        String optional(String key) {
            NodeTuple tuple = values.get(key);
            if (tuple == null) {
                return null;
            }
            if (!(tuple.getValueNode() instanceof ScalarNode scalar)) {
                problem(key, "'" + key + "' must be a single value, not a list or mapping", "write it on one line, e.g. "
                        + key + ": value");
                return null;
            }
            if (Tag.NULL.equals(scalar.getTag()) || scalar.getValue().isBlank()) {
                return null;
            }
            return scalar.getValue().strip();
        }

        void regex(String key, String value, boolean needsGroup) {
            try {
                Pattern pattern = Pattern.compile(value);
                if (needsGroup && pattern.matcher("").groupCount() < 1) {
                    problem(key, "'" + key + "' has no capturing group",
                            "wrap the comparable part in parentheses, e.g. version-pattern: '(\\d+(?:\\.\\d+)+)'");
                }
            } catch (PatternSyntaxException e) {
                problem(key, "'" + key + "' is not a valid regular expression: " + e.getDescription()
                        + " near index " + e.getIndex(), "fix the expression; quote it in single quotes, e.g. '.*\\.jar'");
            }
        }

        Hold hold() {
            NodeTuple tuple = values.get("hold");
            if (tuple == null) {
                return Hold.NONE;
            }
            if (!(tuple.getValueNode() instanceof ScalarNode scalar) || Tag.NULL.equals(scalar.getTag())) {
                problem("hold", "'hold' must be true, false or a version prefix", "write hold: false, hold: true or hold: \"5.4\"");
                return null;
            }
            String text = scalar.getValue().strip();
            if (Tag.BOOL.equals(scalar.getTag())) {
                return switch (text.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on", "y" -> Hold.ALL;
                    default -> Hold.NONE;
                };
            }
            String prefix = text.replaceFirst("^[vV](?=\\d)", "");
            if (!HOLD_PREFIX.matcher(prefix).matches()) {
                problem("hold", "hold '" + text + "' is neither true, false nor a version prefix",
                        "write hold: false, hold: true or a prefix such as hold: \"5.4\"");
                return null;
            }
            return Hold.prefix(prefix);
        }
    }
}
