package org.homeamp.updates.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * Release channel, ordered from most to least stable. A registry entry names the least stable
 * channel it accepts: {@code beta} accepts releases and betas.
 */
public enum Channel {
    RELEASE, BETA, ALPHA;

    /** The spelling used in registry files. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when a version published on {@code published} may be proposed under this setting. */
    public boolean accepts(Channel published) {
        return published.ordinal() <= ordinal();
    }

    /** Reads a registry value, ignoring case; empty when unknown. */
    public static Optional<Channel> of(String value) {
        for (Channel channel : values()) {
            if (channel.key().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }
}
