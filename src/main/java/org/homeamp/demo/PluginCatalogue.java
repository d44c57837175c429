package org.homeamp.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The real-world plugins the demo network installs, in the order they are taken: a network with N
 * plugins uses the first N. Read from {@code demo/plugins/catalogue.psv} so the list is data, not code.
 */
final class PluginCatalogue {
    private static final String RESOURCE = "/demo/plugins/catalogue.psv";
    private static final int FIELDS = 13;

    private final List<CataloguePlugin> plugins;

    private PluginCatalogue(List<CataloguePlugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    static PluginCatalogue load() {
        try (InputStream in = PluginCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + RESOURCE + " is missing from the build");
            }
            List<CataloguePlugin> plugins = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                plugins.add(parse(line, lineNo));
            }
            return new PluginCatalogue(plugins);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static CataloguePlugin parse(String line, int lineNo) {
        String[] f = line.split("\\|", -1);
        if (f.length != FIELDS) {
            throw new IllegalStateException(RESOURCE + " line " + lineNo + ": expected " + FIELDS
                    + " '|'-separated fields, found " + f.length);
        }
        return new CataloguePlugin(f[0], f[1], f[2], f[3], f[4], CataloguePlugin.DescriptorKind.of(f[5]),
                list(f[6]), f[7], list(f[8]), list(f[9]), Integer.parseInt(f[10]),
                "*".equals(f[11]) ? List.of() : list(f[11]), f[12]);
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated.isBlank() ? List.of() : Arrays.stream(commaSeparated.split(",")).map(String::trim).toList();
    }

    List<CataloguePlugin> all() {
        return plugins;
    }

    int size() {
        return plugins.size();
    }

    List<CataloguePlugin> first(int n) {
        return plugins.subList(0, n);
    }

    Optional<CataloguePlugin> byName(String name) {
        return plugins.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
