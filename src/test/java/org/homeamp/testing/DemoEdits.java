package org.homeamp.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Edits tests make to a generated demo network before opening it. */
public final class DemoEdits {
    private DemoEdits() {
    }

    /** Points the demo's Modrinth source at {@code baseUrl} (a test server) and sets the parallelism. */
    public static void modrinthAt(Path configFile, String baseUrl, int parallelism) throws IOException {
        String yml = Files.readString(configFile)
                .replaceAll("(?m)^    modrinth: \\{base-url: [^}]*\\}", "    modrinth: {base-url: " + baseUrl.replace("$", "\\$") + "}")
                .replace("  parallelism: 4\n", "  parallelism: " + parallelism + "\n");
        Files.writeString(configFile, yml);
    }

    /** Removes the registry files the demo copied, so a test writes exactly the entries it needs. */
    public static Path emptyRegistry(Path registryDir) throws IOException {
        Path plugins = Files.createDirectories(registryDir.resolve("plugins"));
        try (Stream<Path> files = Files.list(plugins)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        return plugins;
    }
}
