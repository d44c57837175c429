package org.homeamp.inventory;

import java.util.List;

/**
 * The descriptor inside a plugin jar.
 *
 * @param type       which file it came from: {@code paper-plugin.yml}, {@code plugin.yml}, {@code bungee.yml}, {@code velocity-plugin.json}
 * @param name       the plugin's name (the key registry entries and baselines use)
 * @param version    version string as written (may be an unfiltered build token like {@code ${project.version}})
 * @param main       main class
 * @param apiVersion Bukkit api-version, if any
 * @param authors    author and authors, merged
 * @param website    website or url
 */
public record PluginDescriptor(String type, String name, String version, String main, String apiVersion, List<String> authors,
        String website) {
}
