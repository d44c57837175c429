package org.homeamp.formats;

import java.util.Locale;

/**
 * How a configuration file is read for comparison. Everything that is not a known structured
 * format compares as text.
 */
public enum ConfigFormat {
    YAML, PROPERTIES, JSON, TOML, TEXT;

    /**
     * The format of an instance-relative path, by extension. dynmap's {@code configuration.txt} is
     * YAML despite its name, so it is recognised by file name.
     */
    public static ConfigFormat of(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.endsWith(".yml") || name.endsWith(".yaml")) {
            return YAML;
        }
        if (name.equals("configuration.txt") && path.toLowerCase(Locale.ROOT).contains("dynmap")) {
            return YAML;
        }
        if (name.endsWith(".properties")) {
            return PROPERTIES;
        }
        if (name.endsWith(".json")) {
            return JSON;
        }
        if (name.endsWith(".toml")) {
            return TOML;
        }
        return TEXT;
    }
}
