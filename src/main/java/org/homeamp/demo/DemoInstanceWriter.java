package org.homeamp.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes one instance's game files ({@code <InstanceName>/Minecraft/...}): server configs, plugin
 * jars, plugin data folders and a startup log, with the planted problems that belong to it.
 * Thread-safe: instances are written in parallel and share only the jar cache.
 */
final class DemoInstanceWriter {

    /** What writing one instance produced. */
    record Result(int jars, List<String> planted) {
    }

    /**
     * One data-folder file of a plugin.
     *
     * @param path         path under {@code plugins/<Name>/}
     * @param templatePath classpath path under {@code demo/}, for messages
     * @param template     the template text
     */
    record DataFile(String path, String templatePath, String template) {
    }

    private static final String FILES_INDEX = "plugins/files.txt";
    private static final String GENERIC_CONFIG = "plugins/generic-config.yml";

    private final DemoTemplates templates;
    private final DemoNetworkGenerator.JarCache jars;
    private final Map<String, List<DataFile>> dataFilesByPlugin = new ConcurrentHashMap<>();

    DemoInstanceWriter(DemoTemplates templates, DemoNetworkGenerator.JarCache jars) {
        this.templates = templates;
        this.jars = jars;
    }

    Result write(DemoInstance instance, Path gameDir, List<CataloguePlugin> plugins) throws IOException {
        List<String> planted = new ArrayList<>();
        Map<String, String> values = instanceValues(instance);
        values.put("plugin-lines", pluginLogLines(instance, plugins));
        writeServerFiles(instance, gameDir, values, planted);

        Path pluginsDir = gameDir.resolve("plugins");
        int jarCount = 0;
        for (CataloguePlugin plugin : plugins) {
            writeJar(instance, pluginsDir, plugin, planted);
            jarCount++;
            for (DataFile file : dataFilesByPlugin.computeIfAbsent(plugin.name(), n -> dataFiles(templates, plugin))) {
                String relative = "plugins/" + plugin.name() + "/" + file.path();
                Map<String, String> pluginValues = new HashMap<>(values);
                pluginValues.putAll(pluginValues(plugin));
                String content = DemoTemplates.render(file.templatePath(), file.template(), pluginValues);
                DemoNetworkGenerator.writeString(gameDir.resolve(relative), plantDrift(instance, relative, content, planted));
            }
        }
        if (DemoNetworkGenerator.NON_JAR_INSTANCE.equals(instance.name())) {
            writeNonJars(instance, pluginsDir, plugins, planted);
        }
        return new Result(jarCount, planted);
    }

    /** For the orphan folder: what an old, deleted AMP instance leaves behind, without plugins. */
    void writeServerFilesOnly(DemoInstance instance, Path gameDir) throws IOException {
        Map<String, String> values = instanceValues(instance);
        values.put("plugin-lines", "");
        writeServerFiles(instance, gameDir, values, new ArrayList<>());
    }

    private void writeServerFiles(DemoInstance instance, Path gameDir, Map<String, String> values,
                                  List<String> planted) throws IOException {
        for (String[] file : new String[][]{
                {"server.properties", "server/server.properties"},
                {"eula.txt", "server/eula.txt"},
                {"bukkit.yml", "server/bukkit.yml"},
                {"spigot.yml", "server/spigot.yml"},
                {"config/paper-global.yml", "server/paper-global.yml"},
                {"logs/latest.log", "server/latest-log.txt"}}) {
            String content = templates.render(file[1], values);
            DemoNetworkGenerator.writeString(gameDir.resolve(file[0]), plantDrift(instance, file[0], content, planted));
        }
    }

    private void writeJar(DemoInstance instance, Path pluginsDir, CataloguePlugin plugin, List<String> planted)
            throws IOException {
        String where = instance.server() + "/" + instance.name() + ": plugins/";
        if (is(instance, DemoNetworkGenerator.CORRUPT_INSTANCE, plugin, DemoNetworkGenerator.CORRUPT_PLUGIN)) {
            DemoNetworkGenerator.writeJar(pluginsDir.resolve(plugin.fileName()), jars.truncated(plugin));
            planted.add(where + plugin.fileName() + ": corrupt jar (truncated ZIP, no central directory)");
        } else if (is(instance, DemoNetworkGenerator.NO_DESCRIPTOR_INSTANCE, plugin, DemoNetworkGenerator.NO_DESCRIPTOR_PLUGIN)) {
            DemoNetworkGenerator.writeJar(pluginsDir.resolve(plugin.fileName()), jars.withoutDescriptor(plugin));
            planted.add(where + plugin.fileName() + ": jar without plugin.yml or paper-plugin.yml");
        } else if (is(instance, DemoNetworkGenerator.OUTDATED_INSTANCE, plugin, DemoNetworkGenerator.OUTDATED_PLUGIN)) {
            CataloguePlugin old = plugin.withVersion(DemoNetworkGenerator.OUTDATED_VERSION);
            DemoNetworkGenerator.writeJar(pluginsDir.resolve(old.fileName()), jars.normal(old));
            planted.add(where + old.fileName() + ": outdated " + plugin.name() + " " + old.version()
                    + " (every other instance has " + plugin.version() + ")");
        } else {
            DemoNetworkGenerator.writeJar(pluginsDir.resolve(plugin.fileName()), jars.normal(plugin));
        }
    }

    /** Files that look like plugins to a careless scan but are not loaded by the server. */
    private void writeNonJars(DemoInstance instance, Path pluginsDir, List<CataloguePlugin> plugins,
                              List<String> planted) throws IOException {
        CataloguePlugin backup = plugins.stream().filter(p -> p.name().equals(DemoNetworkGenerator.BACKUP_PLUGIN))
                .findFirst().orElseThrow(() -> new IllegalStateException(DemoNetworkGenerator.BACKUP_PLUGIN
                        + " must be installed on every instance; check demo/plugins/catalogue.psv"))
                .withVersion(DemoNetworkGenerator.BACKUP_VERSION);
        String backupName = backup.fileName() + ".bak";
        DemoNetworkGenerator.writeJar(pluginsDir.resolve(backupName), jars.normal(backup));
        DemoNetworkGenerator.writeString(pluginsDir.resolve("README.txt"),
                "Kept the old EssentialsX jar as .bak after the 2.20.1 update, delete when happy. - mod team\n");
        String where = instance.server() + "/" + instance.name() + ": plugins/";
        planted.add(where + backupName + ": not a .jar (an old jar kept as backup); discovery must skip it");
        planted.add(where + "README.txt: not a jar; discovery must skip it");
    }

    private static boolean is(DemoInstance instance, String instanceName, CataloguePlugin plugin, String pluginName) {
        return instance.name().equals(instanceName) && plugin.name().equals(pluginName);
    }

    /** Hand edits planted on purpose; each must match its template, or the template changed under it. */
    private static String plantDrift(DemoInstance instance, String file, String content, List<String> planted) {
        String where = instance.server() + "/" + instance.name() + ": " + file + ": ";
        String key = instance.name() + ":" + file;
        return switch (key) {
            case "Lobby01:server.properties" -> {
                planted.add(where + "view-distance changed to 6 (the variables say 8); finding CHANGED view-distance");
                yield replace(key, content, "view-distance=8\n", "view-distance=6\n");
            }
            case "Creative01:server.properties" -> {
                planted.add(where + "enable-rcon changed to true and rcon.password set (a secret to mask); findings CHANGED enable-rcon, CHANGED rcon.password");
                yield replace(key, replace(key, content, "enable-rcon=false\n", "enable-rcon=true\n"),
                        "rcon.password=\n", "rcon.password=demo-rcon-5f2b91\n");
            }
            case "Survival01:plugins/Essentials/config.yml" -> {
                planted.add(where + "teleport-cooldown changed 3 -> 0 and auto-afk changed 300 -> 600; findings CHANGED teleport-cooldown, CHANGED auto-afk");
                yield replace(key, replace(key, content, "teleport-cooldown: 3\n", "teleport-cooldown: 0\n"),
                        "auto-afk: 300\n", "auto-afk: 600\n");
            }
            case "Skyblock01:plugins/Essentials/config.yml" -> {
                planted.add(where + "YAML syntax error (backup.always-run indented one space too far); finding UNPARSEABLE with line and column");
                yield replace(key, content, "\n  always-run: false\n", "\n   always-run: false\n");
            }
            case "Creative01:plugins/LuckPerms/config.yml" -> {
                planted.add(where + "key use-server-uuid-cache removed (missing key); finding MISSING_KEY use-server-uuid-cache");
                yield replace(key, content, "use-server-uuid-cache: false\n", "");
            }
            case "Minigames01:config/paper-global.yml" -> {
                planted.add(where + "proxies is a list where a map is expected (type mismatch); finding TYPE_MISMATCH proxies");
                yield replace(key, content, """
                        proxies:
                          bungee-cord:
                            online-mode: true
                          proxy-protocol: false
                          velocity:
                            enabled: false
                            online-mode: false
                            secret: ''
                        """, """
                        proxies:
                        - bungee-cord
                        - velocity
                        """);
            }
            default -> content;
        };
    }

    private static String replace(String key, String content, String from, String to) {
        if (!content.contains(from)) {
            throw new IllegalStateException("demo template for " + key + " no longer contains '" + from.strip()
                    + "'; update the planted drift in DemoInstanceWriter");
        }
        return content.replace(from, to);
    }

    // ---------------------------------------------------------------- values

    private static Map<String, String> instanceValues(DemoInstance instance) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("instance", instance.name());
        v.put("friendly", instance.friendlyName());
        // Everything the baselines take from the variables sheet comes from the sheet's own values.
        for (String variable : DemoNetworkGenerator.VARIABLES) {
            v.put(variable, DemoNetworkGenerator.variable(instance, variable));
        }
        v.put("port", v.get("server-port"));
        v.put("simulation-distance", "8");
        v.put("dynmap-port", Integer.toString(instance.dynmapPort()));
        // The one instance whose baseline overlay (instances/Event01/) legitimately differs.
        v.put("enable-command-block", Boolean.toString(DemoNetworkGenerator.COMMAND_BLOCK_INSTANCE.equals(instance.name())));
        v.putAll(typeValues(instance.type()));
        v.put("gamemode-upper", v.get("gamemode").toUpperCase());
        return v;
    }

    /** Settings that differ by kind of server: what the group overlays in baselines/groups/ describe. */
    private static Map<String, String> typeValues(String type) {
        String[] t = switch (type) {
            // gamemode, difficulty, pvp, spawn-monsters, allow-nether, allow-end, force-gamemode, level-type, spawn-on-join
            case "lobby" -> new String[]{"adventure", "peaceful", "false", "false", "false", "false", "true", "flat", "true"};
            case "creative" -> new String[]{"creative", "peaceful", "false", "false", "false", "false", "true", "flat", "false"};
            case "minigames" -> new String[]{"adventure", "normal", "true", "false", "false", "false", "true", "normal", "true"};
            case "event" -> new String[]{"adventure", "easy", "false", "false", "false", "false", "true", "normal", "true"};
            // Islands in the void: no Nether or End, which the skyblock overlay, merged after survival's, says.
            case "skyblock" -> new String[]{"survival", "normal", "true", "true", "false", "false", "false", "normal", "false"};
            default -> new String[]{"survival", "normal", "true", "true", "true", "true", "false", "normal", "false"};
        };
        Map<String, String> v = new LinkedHashMap<>();
        v.put("gamemode", t[0]);
        v.put("difficulty", t[1]);
        v.put("pvp", t[2]);
        v.put("spawn-monsters", t[3]);
        v.put("allow-nether", t[4]);
        v.put("allow-end", t[5]);
        v.put("force-gamemode", t[6]);
        v.put("level-type", t[7]);
        v.put("spawn-on-join", t[8]);
        return v;
    }

    private static Map<String, String> pluginValues(CataloguePlugin plugin) {
        return Map.of("plugin", plugin.name(), "version", plugin.version(), "command", DemoJarBuilder.command(plugin));
    }

    /** The values a freshly downloaded plugin's bundled config has: no instance has touched it yet. */
    static Map<String, String> jarDefaultValues(CataloguePlugin plugin) {
        Map<String, String> v = instanceValues(new DemoInstance("world", "A Minecraft Server", "survival",
                List.of("survival"), "hetzner", 0));
        v.put("luckperms-server", "global");
        v.put("level-name", "world");
        v.putAll(pluginValues(plugin));
        return v;
    }

    /** The plugin's data-folder templates, or the generic config.yml for plugins without their own. */
    static List<DataFile> dataFiles(DemoTemplates templates, CataloguePlugin plugin) {
        List<DataFile> files = new ArrayList<>();
        String prefix = plugin.name() + "/";
        for (String line : templates.get(FILES_INDEX).split("\n")) {
            String entry = line.strip();
            if (!entry.startsWith("#") && entry.startsWith(prefix)) {
                String templatePath = "plugins/" + entry;
                files.add(new DataFile(entry.substring(prefix.length()), templatePath, templates.get(templatePath)));
            }
        }
        if (files.isEmpty()) {
            files.add(new DataFile("config.yml", GENERIC_CONFIG, templates.get(GENERIC_CONFIG)));
        }
        return files;
    }

    private static String pluginLogLines(DemoInstance instance, List<CataloguePlugin> plugins) {
        StringBuilder loading = new StringBuilder();
        StringBuilder enabling = new StringBuilder();
        for (CataloguePlugin plugin : plugins) {
            if (is(instance, DemoNetworkGenerator.CORRUPT_INSTANCE, plugin, DemoNetworkGenerator.CORRUPT_PLUGIN)) {
                loading.append("[04:12:06] [Server thread/ERROR]: Could not load 'plugins/").append(plugin.fileName())
                        .append("' in folder 'plugins'\norg.bukkit.plugin.InvalidPluginException: java.util.zip.ZipException: zip END header not found\n");
                continue;
            }
            if (is(instance, DemoNetworkGenerator.NO_DESCRIPTOR_INSTANCE, plugin, DemoNetworkGenerator.NO_DESCRIPTOR_PLUGIN)) {
                loading.append("[04:12:06] [Server thread/ERROR]: Could not load 'plugins/").append(plugin.fileName())
                        .append("' in folder 'plugins'\norg.bukkit.plugin.InvalidDescriptionException: Invalid plugin.yml\n");
                continue;
            }
            String version = is(instance, DemoNetworkGenerator.OUTDATED_INSTANCE, plugin, DemoNetworkGenerator.OUTDATED_PLUGIN)
                    ? DemoNetworkGenerator.OUTDATED_VERSION : plugin.version();
            loading.append("[04:12:06] [Server thread/INFO]: [").append(plugin.name()).append("] Loading server plugin ")
                    .append(plugin.name()).append(" v").append(version).append('\n');
            enabling.append("[04:12:08] [Server thread/INFO]: [").append(plugin.name()).append("] Enabling ")
                    .append(plugin.name()).append(" v").append(version).append('\n');
        }
        return loading.append("[04:12:07] [Server thread/INFO]: Server permissions file permissions.yml is empty, ignoring it\n")
                .append(enabling).toString();
    }
}
