package org.homeamp.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds real jar files for tests. */
public final class TestJars {
    private TestJars() {
    }

    /** A jar with the given entries (name → UTF-8 text) and a manifest. */
    public static Path jar(Path file, Map<String, String> entries) throws IOException {
        Files.createDirectories(file.getParent());
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream os = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(os, mf)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return file;
    }

    /** A Bukkit plugin jar with a plugin.yml. */
    public static Path plugin(Path file, String name, String version) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("plugin.yml", "name: " + name + "\nversion: '" + version + "'\nmain: org.example." + name.toLowerCase()
                + ".Main\napi-version: '1.20'\nauthors: [alice, bob]\nwebsite: https://example.org/" + name + "\n");
        entries.put("org/example/Main.class", "not really a class, but bytes");
        return jar(file, entries);
    }
}
