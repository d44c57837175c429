package org.homeamp.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.SplittableRandom;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;

/**
 * Builds real plugin jars in memory: manifest, descriptor(s) at the root, the default config as a
 * resource, and class entries filled with seeded bytes so the size looks like the real plugin.
 * Every entry carries a fixed DOS timestamp, so the same plugin and version always give the same
 * bytes whatever the clock or time zone of the machine.
 */
final class DemoJarBuilder {
    /** Local date-time, not an instant: ZIP stores DOS local time, and setTimeLocal avoids any zone maths. */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2025, 3, 1, 12, 0, 0);

    private static final String[] CLASS_WORDS = {"Listener", "Command", "Config", "Storage", "Manager", "Util",
            "Task", "Api", "Event", "Handler", "Cache", "Loader", "Messages", "Hook", "Service", "Registry"};

    private final long seed;

    DemoJarBuilder(long seed) {
        this.seed = seed;
    }

    /**
     * @param plugin           what to build (its version goes into descriptor and manifest)
     * @param defaultConfig    bytes of the default config resource, or {@code null} for none
     * @param configEntryName  resource name for the default config ({@code config.yml}, {@code configuration.txt})
     * @param withDescriptor   false builds the planted "jar without a descriptor"
     */
    byte[] build(CataloguePlugin plugin, String configEntryName, byte[] defaultConfig, boolean withDescriptor) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(plugin.sizeKb() * 1024 + 4096);
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            // The manifest is written as an ordinary entry: JarOutputStream's own manifest constructor
            // stamps the entry with the current time, which would break byte-identical rebuilds.
            put(jar, "META-INF/", new byte[0]);
            put(jar, "META-INF/MANIFEST.MF", manifest(plugin).getBytes(StandardCharsets.UTF_8));
            if (withDescriptor) {
                if (plugin.descriptor() != CataloguePlugin.DescriptorKind.PAPER_PLUGIN_YML) {
                    put(jar, "plugin.yml", pluginYml(plugin).getBytes(StandardCharsets.UTF_8));
                }
                if (plugin.descriptor() != CataloguePlugin.DescriptorKind.PLUGIN_YML) {
                    put(jar, "paper-plugin.yml", paperPluginYml(plugin).getBytes(StandardCharsets.UTF_8));
                }
            }
            if (defaultConfig != null) {
                put(jar, configEntryName, defaultConfig);
            }
            writeClasses(jar, plugin);
        } catch (IOException e) {
            throw new UncheckedIOException("building the demo jar of " + plugin.name() + " in memory", e);
        }
        return bytes.toByteArray();
    }

    private void writeClasses(JarOutputStream jar, CataloguePlugin plugin) throws IOException {
        String mainPath = plugin.main().replace('.', '/');
        String pkg = mainPath.substring(0, mainPath.lastIndexOf('/') + 1);
        // Seeded per plugin and version so each build differs, yet every rebuild is identical.
        SplittableRandom random = new SplittableRandom(seed ^ (plugin.name() + '\0' + plugin.version()).hashCode());
        // Leaves room for the last class (up to 12 KB) and the entry headers, so the jar ends up near sizeKb.
        long target = plugin.sizeKb() * 1024L * 93 / 100;
        long written = 0;
        int index = 0;
        while (written < target) {
            String name = index == 0 ? mainPath + ".class"
                    : pkg + (index % 3 == 0 ? "internal/" : "") + CLASS_WORDS[index % CLASS_WORDS.length]
                      + (index / CLASS_WORDS.length == 0 ? "" : Integer.toString(index / CLASS_WORDS.length)) + ".class";
            byte[] body = new byte[1024 + random.nextInt(11 * 1024)];
            random.nextBytes(body);
            // A class file header (magic, Java 17 class version) so the entries look like what they claim to be.
            body[0] = (byte) 0xCA;
            body[1] = (byte) 0xFE;
            body[2] = (byte) 0xBA;
            body[3] = (byte) 0xBE;
            body[4] = 0;
            body[5] = 0;
            body[6] = 0;
            body[7] = 61;
            put(jar, name, body);
            written += body.length;
            index++;
        }
    }

    private static void put(JarOutputStream jar, String name, byte[] data) throws IOException {
        JarEntry entry = new JarEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        jar.putNextEntry(entry);
        jar.write(data);
        jar.closeEntry();
    }

    private static String manifest(CataloguePlugin plugin) {
        return "Manifest-Version: 1.0\r\n"
                + "Created-By: Maven JAR Plugin 3.4.1\r\n"
                + "Build-Jdk-Spec: 17\r\n"
                + "Implementation-Title: " + plugin.name() + "\r\n"
                + "Implementation-Version: " + plugin.version() + "\r\n"
                + "\r\n";
    }

    static String pluginYml(CataloguePlugin plugin) {
        StringBuilder y = new StringBuilder();
        y.append("name: ").append(plugin.name()).append('\n');
        y.append("version: ").append(quote(plugin.version())).append('\n');
        y.append("main: ").append(plugin.main()).append('\n');
        // Quoted because an unquoted 1.20 is the float 1.2 to a YAML reader.
        y.append("api-version: ").append(quote(plugin.apiVersion())).append('\n');
        appendAuthors(y, plugin.authors());
        y.append("website: ").append(plugin.website()).append('\n');
        y.append("description: ").append(quote(plugin.description())).append('\n');
        if (!plugin.depend().isEmpty()) {
            y.append("depend: ").append(flow(plugin.depend())).append('\n');
        }
        if (!plugin.softDepend().isEmpty()) {
            y.append("softdepend: ").append(flow(plugin.softDepend())).append('\n');
        }
        y.append("commands:\n  ").append(command(plugin)).append(":\n    description: ")
                .append(quote(plugin.name() + " main command")).append('\n');
        return y.toString();
    }

    static String paperPluginYml(CataloguePlugin plugin) {
        StringBuilder y = new StringBuilder();
        y.append("name: ").append(quote(plugin.name())).append('\n');
        y.append("version: ").append(quote(plugin.version())).append('\n');
        y.append("main: ").append(quote(plugin.main())).append('\n');
        y.append("api-version: ").append(quote(plugin.apiVersion())).append('\n');
        appendAuthors(y, plugin.authors());
        y.append("website: ").append(quote(plugin.website())).append('\n');
        y.append("description: ").append(quote(plugin.description())).append('\n');
        if (!plugin.depend().isEmpty() || !plugin.softDepend().isEmpty()) {
            y.append("dependencies:\n  server:\n");
            appendPaperDependencies(y, plugin.depend(), true);
            appendPaperDependencies(y, plugin.softDepend(), false);
        }
        return y.toString();
    }

    private static void appendPaperDependencies(StringBuilder y, List<String> names, boolean required) {
        for (String name : names) {
            y.append("    ").append(name).append(":\n")
                    .append("      load: BEFORE\n")
                    .append("      required: ").append(required).append('\n');
        }
    }

    private static void appendAuthors(StringBuilder y, List<String> authors) {
        if (authors.size() == 1) {
            y.append("author: ").append(quote(authors.get(0))).append('\n');
        } else {
            y.append("authors: ").append(flow(authors)).append('\n');
        }
    }

    static String command(CataloguePlugin plugin) {
        return plugin.name().toLowerCase().replaceAll("[^a-z0-9]", "");
    }

    private static String flow(List<String> items) {
        return items.stream().map(DemoJarBuilder::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    /** Single-quoted YAML scalar: the one style that needs no escaping except doubled quotes. */
    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
