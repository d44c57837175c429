package org.homeamp.baseline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.homeamp.config.ConfigException;
import org.homeamp.formats.ConfigFormat;
import org.homeamp.formats.ConfigParser;
import org.homeamp.formats.ParsedConfig;
import org.homeamp.variables.InstanceVariables;

/**
 * The baselines folder of SPEC §7, read and validated in one go: every file is parsed up front so a
 * malformed baseline stops the run before any instance is touched.
 *
 * <pre>
 * baselines/
 *   rules.yml
 *   server/&lt;path&gt;
 *   plugins/&lt;PluginName&gt;/&lt;path&gt;
 *   groups/&lt;group&gt;/server/&lt;path&gt;, groups/&lt;group&gt;/plugins/&lt;PluginName&gt;/&lt;path&gt;
 *   instances/&lt;InstanceName&gt;/server/&lt;path&gt;, instances/&lt;InstanceName&gt;/plugins/&lt;PluginName&gt;/&lt;path&gt;
 * </pre>
 *
 * Plugin folders, group and instance names match case-insensitively. A plugin's files are expected
 * only on instances that have the plugin installed, under the folder name the baseline uses. Hidden
 * files and folders (names starting with '.') are skipped, so the folder can be a git checkout.
 */
public final class BaselineSet {
    private static final Set<String> TOP_FOLDERS = Set.of("server", "plugins", "groups", "instances");

    private final Rules rules;
    private final Layer base;
    private final Map<String, Layer> groups;
    private final Map<String, Layer> instances;
    private final ExpectedConfigRenderer renderer = new ExpectedConfigRenderer();

    private BaselineSet(Rules rules, Layer base, Map<String, Layer> groups, Map<String, Layer> instances) {
        this.rules = rules;
        this.base = base;
        this.groups = groups;
        this.instances = instances;
    }

    /**
     * One baseline file as read. {@code path} is instance-relative; {@code source} is for messages;
     * {@code raw} the bytes of the first layer that has the file (overlays change values, not its layout).
     */
    private record BaselineFile(String path, String pluginFolder, ConfigFormat format, Object treeOrText, String source, byte[] raw) {
    }

    /** The files of one level (baseline, a group, an instance), keyed by case-folded instance path. */
    private record Layer(Map<String, BaselineFile> files) {
    }

    /**
     * Reads and validates the folder.
     *
     * @throws ConfigException naming every malformed file with line and fix, or a missing folder
     */
    public static BaselineSet load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(dir + ": baselines folder does not exist; create it (see docs/baselines.md) or fix the path in homeamp.yml");
        }
        List<String> problems = new ArrayList<>();
        Rules rules;
        try {
            rules = new RulesParser().parse(dir.resolve("rules.yml"));
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            rules = Rules.empty();
        }
        ConfigParser parser = new ConfigParser();
        Layer base = readLayer(dir, dir, parser, problems);
        Map<String, Layer> groups = readNamedLayers(dir, dir.resolve("groups"), parser, problems);
        Map<String, Layer> instances = readNamedLayers(dir, dir.resolve("instances"), parser, problems);
        for (Path child : list(dir)) {
            String name = child.getFileName().toString();
            if (Files.isDirectory(child) && !name.startsWith(".") && !TOP_FOLDERS.contains(name)) {
                problems.add(child + ": unknown folder; baselines/ holds only " + String.join(", ", TOP_FOLDERS.stream().sorted().toList())
                        + " and rules.yml; move or rename it");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new BaselineSet(rules, base, groups, instances);
    }

    /** The rules read from {@code rules.yml} (empty when the file is absent). */
    public Rules rules() {
        return rules;
    }

    /** Group names that have an overlay folder, for validating the variables sheet. */
    public Set<String> groupNames() {
        return Collections.unmodifiableSet(groups.keySet());
    }

    /**
     * The expected files of one instance, keyed by instance-relative path: baseline, then each group
     * overlay in {@code vars.groups()} order, then the instance overlay, then variables.
     *
     * @param installedPluginNames descriptor names of the plugins installed on the instance
     */
    public Map<String, ExpectedFile> expectedFor(String server, String instance, Set<String> installedPluginNames,
                                                 InstanceVariables vars) {
        Set<String> installed = installedPluginNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Map<String, BaselineFile> merged = new LinkedHashMap<>();
        apply(merged, base, installed);
        for (String group : vars.groups()) {
            Layer layer = groups.get(group.toLowerCase(Locale.ROOT));
            if (layer != null) {
                apply(merged, layer, installed);
            }
        }
        Layer own = instances.get(instance.toLowerCase(Locale.ROOT));
        if (own != null) {
            apply(merged, own, installed);
        }
        Map<String, ExpectedFile> expected = new LinkedHashMap<>();
        for (BaselineFile file : merged.values()) {
            expected.put(file.path(), renderer.render(file.path(), file.format(), file.treeOrText(), vars, file.raw()));
        }
        return expected;
    }

    private static void apply(Map<String, BaselineFile> merged, Layer layer, Set<String> installed) {
        for (Map.Entry<String, BaselineFile> entry : layer.files().entrySet()) {
            BaselineFile overlay = entry.getValue();
            if (overlay.pluginFolder() != null && !installed.contains(overlay.pluginFolder().toLowerCase(Locale.ROOT))) {
                continue;
            }
            BaselineFile current = merged.get(entry.getKey());
            if (current == null) {
                merged.put(entry.getKey(), overlay);
            } else {
                // The first layer's spelling of the path wins, so findings name the baseline's folder.
                merged.put(entry.getKey(), new BaselineFile(current.path(), current.pluginFolder(), current.format(),
                        ExpectedConfigRenderer.deepMerge(current.treeOrText(), overlay.treeOrText()), overlay.source(), current.raw()));
            }
        }
    }

    private static Map<String, Layer> readNamedLayers(Path root, Path dir, ConfigParser parser, List<String> problems) {
        Map<String, Layer> layers = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return layers;
        }
        for (Path child : list(dir)) {
            String name = child.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (!Files.isDirectory(child)) {
                problems.add(child + ": a file directly under " + dir.getFileName() + "/; put it in " + dir.getFileName()
                        + "/<name>/server/ or " + dir.getFileName() + "/<name>/plugins/<PluginName>/");
                continue;
            }
            for (Path inner : list(child)) {
                String innerName = inner.getFileName().toString();
                if (!innerName.startsWith(".") && !innerName.equals("server") && !innerName.equals("plugins")) {
                    problems.add(inner + ": unknown entry; " + child + " holds only server/ and plugins/");
                }
            }
            Layer layer = readLayer(root, child, parser, problems);
            if (layers.putIfAbsent(name.toLowerCase(Locale.ROOT), layer) != null) {
                problems.add(child + ": another folder has the same name in different case; merge them");
            }
        }
        return layers;
    }

    private static Layer readLayer(Path root, Path dir, ConfigParser parser, List<String> problems) {
        Map<String, BaselineFile> files = new TreeMap<>();
        Path serverDir = dir.resolve("server");
        for (Path file : walk(serverDir)) {
            String path = slashes(serverDir.relativize(file));
            read(root, file, path, null, parser, problems).ifPresent(f -> files.put(path, f));
        }
        Path pluginsDir = dir.resolve("plugins");
        if (Files.isDirectory(pluginsDir)) {
            for (Path pluginDir : list(pluginsDir)) {
                String folder = pluginDir.getFileName().toString();
                if (folder.startsWith(".")) {
                    continue;
                }
                if (!Files.isDirectory(pluginDir)) {
                    problems.add(pluginDir + ": a file directly under plugins/; put it in plugins/<PluginName>/");
                    continue;
                }
                for (Path file : walk(pluginDir)) {
                    String path = "plugins/" + folder + "/" + slashes(pluginDir.relativize(file));
                    String key = "plugins/" + folder.toLowerCase(Locale.ROOT) + "/" + slashes(pluginDir.relativize(file));
                    read(root, file, path, folder, parser, problems).ifPresent(f -> files.put(key, f));
                }
            }
        }
        return new Layer(files);
    }

    private static Optional<BaselineFile> read(Path root, Path file, String path, String pluginFolder,
                                                          ConfigParser parser, List<String> problems) {
        String source = slashes(root.relativize(file));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add(file + ": cannot be read (" + e.getMessage() + "); check its permissions");
            return Optional.empty();
        }
        ConfigFormat format = ConfigFormat.of(path);
        ParsedConfig parsed = parser.parse(path, bytes);
        if (!parsed.isParseable()) {
            String where = parsed.line() == null ? "" : " line " + parsed.line() + (parsed.column() == null ? "" : ", column " + parsed.column());
            String fix = format == ConfigFormat.YAML
                    ? "fix the YAML there; a value that is only a placeholder must be quoted: key: \"{{name}}\""
                    : "fix the file there so it is valid " + format;
            problems.add(file + where + ": " + parsed.error() + "; " + fix);
            return Optional.empty();
        }
        Object content = parsed.isText() ? parsed.text() : parsed.tree();
        if (content == null) {
            content = new LinkedHashMap<String, Object>();
        }
        return Optional.of(new BaselineFile(path, pluginFolder, format, content, source, bytes));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static List<Path> walk(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !isHidden(dir.relativize(p))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String slashes(Path relative) {
        return relative.toString().replace('\\', '/');
    }
}
