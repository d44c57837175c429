package org.homeamp.updates.registry;

import java.util.Locale;
import java.util.Optional;

/** Where a plugin publishes its releases (registry key {@code source}). */
public enum SourceType {
    MODRINTH, HANGAR, SPIGOT, GITHUB, JENKINS, URL, MANUAL;

    /** The spelling used in registry files. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a registry value, ignoring case; empty when unknown. */
    public static Optional<SourceType> of(String value) {
        for (SourceType type : values()) {
            if (type.key().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
