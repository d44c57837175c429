package org.homeamp.demo.ampsim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console lines a Paper server prints while starting or stopping. Plugin names and versions come
 * from the jars really present in the instance's {@code plugins/} folder, so the deploy step's
 * "did my plugin enable?" check sees the plugins it just installed.
 */
final class PaperConsoleScript {

    private static final Logger log = LoggerFactory.getLogger(PaperConsoleScript.class);

    private static final Pattern NAME = Pattern.compile("(?m)^name:\\s*['\"]?([^'\"\\r\\n#]+?)['\"]?\\s*$");
    private static final Pattern VERSION = Pattern.compile("(?m)^version:\\s*['\"]?([^'\"\\r\\n#]+?)['\"]?\\s*$");
    private static final Pattern JAR_VERSION = Pattern.compile("^(.+?)[-_ ]v?(\\d[\\w.+-]*)$");

    /** A plugin as Paper would announce it. */
    record PluginLabel(String name, String version) {
    }

    private PaperConsoleScript() {
    }

    static List<SimulatedInstance.ScriptedLine> start(Path filesRoot, String module, Set<String> failingPlugins,
            long durationMillis) {
        List<String> lines = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if ("Minecraft".equals(module)) {
            List<PluginLabel> plugins = plugins(filesRoot.resolve("plugins"));
            lines.add("[ServerMain/INFO]: Environment: Environment[sessionHost=https://sessionserver.mojang.com,"
                    + " servicesHost=https://api.minecraftservices.com, name=PROD]");
            lines.add("[Server thread/INFO]: Starting minecraft server version 1.21.4");
            lines.add("[Server thread/INFO]: Loading properties");
            lines.add("[Server thread/INFO]: This server is running Paper version 1.21.4-232-ver/1.21.4@12e2f6b"
                    + " (Implementing API version 1.21.4-R0.1-SNAPSHOT)");
            lines.add("[Server thread/INFO]: Using 4 threads for Netty based IO");
            lines.add("[Server thread/INFO]: Default game type: SURVIVAL");
            lines.add("[Server thread/INFO]: Generating keypair");
            lines.add("[Server thread/INFO]: Starting Minecraft server on *:25565");
            for (PluginLabel plugin : plugins) {
                lines.add("[Server thread/INFO]: [" + plugin.name() + "] Loading server plugin " + plugin.name()
                        + " v" + plugin.version());
            }
            lines.add("[Server thread/INFO]: Preparing level \"world\"");
            for (PluginLabel plugin : plugins) {
                if (failingPlugins.stream().anyMatch(f -> f.equalsIgnoreCase(plugin.name()))) {
                    errors.add(plugin.name());
                    lines.add("[Server thread/ERROR]: Error occurred while enabling " + plugin.name() + " v"
                            + plugin.version() + " (Is it up to date?)");
                    lines.add("java.lang.NoSuchMethodError: 'void org.bukkit.plugin.PluginManager.registerEvents()'");
                } else {
                    lines.add("[Server thread/INFO]: [" + plugin.name() + "] Enabling " + plugin.name() + " v"
                            + plugin.version());
                }
            }
            for (String failing : failingPlugins) {
                if (errors.stream().noneMatch(failing::equalsIgnoreCase)) {
                    // Asked to fail a plugin whose jar is absent: still print the error the test asked for.
                    lines.add("[Server thread/ERROR]: Error occurred while enabling " + failing
                            + " v1.0.0 (Is it up to date?)");
                }
            }
            lines.add("[Server thread/INFO]: Preparing start region for dimension minecraft:overworld");
        } else {
            lines.add("[INFO] Starting application");
        }
        List<SimulatedInstance.ScriptedLine> scripted = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            // Spread the lines over the start so a poller sees progress, all strictly before "Done".
            scripted.add(new SimulatedInstance.ScriptedLine(durationMillis * i / (lines.size() + 1), lines.get(i),
                    false));
        }
        String seconds = String.format(Locale.ROOT, "%.1fs", durationMillis / 1000.0);
        String done = "Minecraft".equals(module)
                ? "[Server thread/INFO]: Done (" + seconds + ")! For help, type \"help\""
                : "[INFO] Done (" + seconds + ")!";
        scripted.add(new SimulatedInstance.ScriptedLine(durationMillis, done, true));
        return scripted;
    }

    /** A start that ends FAILED: Paper's bind failure, or an application that dies early. */
    static List<SimulatedInstance.ScriptedLine> failedStart(String module, SimulatorControl.StartFailure failure,
            long durationMillis) {
        List<String> lines = new ArrayList<>();
        lines.add("Minecraft".equals(module) ? "[Server thread/INFO]: Starting minecraft server version 1.21.4" : "[INFO] Starting application");
        if (failure == SimulatorControl.StartFailure.FAILED_TO_BIND) {
            lines.add("[Server thread/INFO]: Starting Minecraft server on *:25565");
            lines.add("[Server thread/WARN]: **** FAILED TO BIND TO PORT!");
            lines.add("[Server thread/WARN]: The exception was: java.net.BindException: Address already in use");
            lines.add("[Server thread/WARN]: Perhaps a server is already running on that port?");
        } else {
            lines.add("[Server thread/ERROR]: Encountered an unexpected exception");
            lines.add("java.lang.OutOfMemoryError: Java heap space");
        }
        lines.add("[Server thread/INFO]: Stopping server");
        List<SimulatedInstance.ScriptedLine> scripted = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            scripted.add(new SimulatedInstance.ScriptedLine(durationMillis * i / lines.size(), lines.get(i), false));
        }
        return scripted;
    }

    static List<SimulatedInstance.ScriptedLine> stop(String module) {
        if (!"Minecraft".equals(module)) {
            return List.of(new SimulatedInstance.ScriptedLine(0, "[INFO] Stopping application", false));
        }
        return List.of(
                new SimulatedInstance.ScriptedLine(0, "[Server thread/INFO]: Stopping the server", false),
                new SimulatedInstance.ScriptedLine(0, "[Server thread/INFO]: Stopping server", false),
                new SimulatedInstance.ScriptedLine(0, "[Server thread/INFO]: Saving players", false),
                new SimulatedInstance.ScriptedLine(0, "[Server thread/INFO]: Saving worlds", false));
    }

    /** Plugins from the descriptors inside the jars; a jar that cannot be read falls back to its file name. */
    static List<PluginLabel> plugins(Path pluginsDir) {
        List<PluginLabel> plugins = new ArrayList<>();
        if (!Files.isDirectory(pluginsDir)) {
            return plugins;
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(pluginsDir, "*.jar")) {
            stream.forEach(jars::add);
        } catch (IOException e) {
            log.debug("cannot list {}: {}", pluginsDir, e.toString());
            return plugins;
        }
        jars.sort(null);
        for (Path jar : jars) {
            plugins.add(label(jar));
        }
        return plugins;
    }

    private static PluginLabel label(Path jar) {
        String fileName = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        Matcher fromName = JAR_VERSION.matcher(fileName);
        PluginLabel fallback = fromName.matches() ? new PluginLabel(fromName.group(1), fromName.group(2))
                : new PluginLabel(fileName, "1.0.0");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (String descriptor : List.of("paper-plugin.yml", "plugin.yml")) {
                ZipEntry entry = zip.getEntry(descriptor);
                if (entry != null) {
                    String text;
                    try (InputStream in = zip.getInputStream(entry)) {
                        text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                    }
                    Matcher name = NAME.matcher(text);
                    Matcher version = VERSION.matcher(text);
                    return new PluginLabel(name.find() ? name.group(1).trim() : fallback.name(),
                            version.find() ? version.group(1).trim() : fallback.version());
                }
            }
        } catch (IOException e) {
            // Paper would refuse a corrupt jar too; the simulator just names it after the file.
            log.debug("cannot read {}: {}", jar, e.toString());
        }
        return fallback;
    }
}
