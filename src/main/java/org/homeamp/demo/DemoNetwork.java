package org.homeamp.demo;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link DemoNetworkGenerator} built (or found and reused): enough for the {@code demo} command's
 * summary and for tests that look for the planted problems.
 *
 * @param dir               the demo network's folder
 * @param configFile        {@code <dir>/homeamp.yml}; every command works on the demo with {@code --config} this file
 * @param servers           server names in config order ({@code hetzner}, {@code ovh})
 * @param instances         Minecraft instances listed by the simulated AMP hosts (the orphan folder not counted)
 * @param jars              {@code .jar} files in those instances' {@code plugins/} folders
 * @param plugins           distinct catalogue plugins installed somewhere in the network
 * @param instancesByServer InstanceNames per server, in AMP listing order
 * @param ampUrls           the simulated AMP URL per server ({@code http://127.0.0.1:<port>})
 * @param planted           one line per deliberately planted problem, {@code <server>/<instance>: <file>: <what>}
 * @param reused            true when an existing demo network was returned as it was, without regenerating
 */
public record DemoNetwork(
        Path dir,
        Path configFile,
        List<String> servers,
        int instances,
        int jars,
        int plugins,
        Map<String, List<String>> instancesByServer,
        Map<String, String> ampUrls,
        List<String> planted,
        boolean reused) {

    public DemoNetwork {
        servers = List.copyOf(servers);
        // Copies that keep the config's server order, which Map.copyOf would not.
        instancesByServer = Collections.unmodifiableMap(new LinkedHashMap<>(instancesByServer));
        ampUrls = Collections.unmodifiableMap(new LinkedHashMap<>(ampUrls));
        planted = List.copyOf(planted);
    }
}
