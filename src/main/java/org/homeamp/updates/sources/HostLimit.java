package org.homeamp.updates.sources;

import java.time.Duration;

/**
 * How hard one host may be asked: at most {@code maxConcurrent} requests at once and at most
 * {@code requestsPerWindow} request starts in any {@code window}.
 */
public record HostLimit(int maxConcurrent, int requestsPerWindow, Duration window) {

    public HostLimit {
        if (maxConcurrent < 1 || requestsPerWindow < 1 || window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("host limits must be positive: " + maxConcurrent + ", "
                    + requestsPerWindow + " per " + window);
        }
    }

    /** Modrinth documents 300 requests per minute per IP. */
    public static final HostLimit MODRINTH = new HostLimit(4, 300, Duration.ofMinutes(1));
    /** Hangar refills 20 tokens every 5 s. */
    public static final HostLimit HANGAR = new HostLimit(2, 20, Duration.ofSeconds(5));
    /** Spiget documents no limit; PluginUpdater assumes 300/min, we stay well below. */
    public static final HostLimit SPIGET = new HostLimit(2, 120, Duration.ofMinutes(1));
    /** GitHub allows 60 requests per hour without a token. */
    public static final HostLimit GITHUB_ANONYMOUS = new HostLimit(2, 60, Duration.ofHours(1));
    /** GitHub allows 5,000 requests per hour with a token. */
    public static final HostLimit GITHUB_TOKEN = new HostLimit(4, 5000, Duration.ofHours(1));
    /** Any other host (Jenkins, direct URLs): somebody's own server, be gentle. */
    public static final HostLimit DEFAULT = new HostLimit(2, 10, Duration.ofSeconds(1));
}
