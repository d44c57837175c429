package org.homeamp.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.homeamp.config.HomeAmpSettings.WorkerSettings;

/**
 * {@code homeamp.worker}: remote partitioning over PostgreSQL (SPEC §11 "Past one host"). Every key is
 * optional; {@code server} names the server a {@code homeamp worker} on this host serves.
 */
final class WorkerSection {
    private static final List<String> WORKER_KEYS = List.of("server", "heartbeat", "stale-after", "poll-interval", "partition-timeout", "concurrency",
            "prune-every");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*(s|m|h)");
    private static final String EXAMPLE = "{ server: ovh, heartbeat: 10s, stale-after: 45s, poll-interval: 2s, partition-timeout: 6h, concurrency: 4, prune-every: 6h }";

    private WorkerSection() {
    }

    static WorkerSettings worker(ConfigMap homeamp, List<ServerSettings> servers) {
        ConfigMap worker = homeamp.map("worker", WORKER_KEYS, EXAMPLE);
        WorkerSettings d = WorkerSettings.DEFAULTS;
        if (worker == null) {
            return d;
        }
        String server = worker.has("server") ? worker.string("server", "ovh") : null;
        if (server != null && servers != null && servers.stream().noneMatch(s -> s.name().equals(server))) {
            worker.problem("server", server, "names no server of homeamp.servers",
                    "use one of " + String.join(", ", servers.stream().map(ServerSettings::name).toList()));
        }
        Duration heartbeat = duration(worker, "heartbeat", d.heartbeat(), Duration.ofSeconds(1), Duration.ofMinutes(10));
        Duration staleAfter = duration(worker, "stale-after", d.staleAfter(), Duration.ofSeconds(2), Duration.ofHours(1));
        Duration poll = duration(worker, "poll-interval", d.pollInterval(), Duration.ofSeconds(1), Duration.ofMinutes(10));
        Duration timeout = duration(worker, "partition-timeout", d.partitionTimeout(), Duration.ofSeconds(10), Duration.ofHours(48));
        if (heartbeat != null && staleAfter != null && staleAfter.compareTo(heartbeat.multipliedBy(2)) < 0) {
            worker.problem("stale-after", staleAfter.toSeconds() + "s", "is shorter than two heartbeats (" + heartbeat.toSeconds() + "s each):"
                    + " a live worker would be taken for gone", "make stale-after at least twice heartbeat, e.g. heartbeat: 10s, stale-after: 45s");
        }
        Integer concurrency = worker.has("concurrency") ? worker.integer("concurrency", 1, 64, "4") : null;
        Duration pruneEvery = duration(worker, "prune-every", d.pruneEvery(), Duration.ofMinutes(10), Duration.ofHours(48));
        return new WorkerSettings(server, orDefault(heartbeat, d.heartbeat()), orDefault(staleAfter, d.staleAfter()), orDefault(poll, d.pollInterval()),
                orDefault(timeout, d.partitionTimeout()), concurrency == null ? d.concurrency() : concurrency, orDefault(pruneEvery, d.pruneEvery()));
    }

    private static String shown(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 && s >= 600 ? s / 60 + "m" : s + "s";
    }

    private static Duration orDefault(Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }

    /** A duration with its unit ({@code 10s}, {@code 3m}, {@code 1h}) between min and max; the default when absent. */
    private static Duration duration(ConfigMap map, String key, Duration fallback, Duration min, Duration max) {
        if (!map.has(key)) {
            return fallback;
        }
        String example = shown(fallback);
        String raw = map.string(key, example);
        if (raw == null) {
            return null;
        }
        String fix = "write a duration with its unit, e.g. " + key + ": " + example + " (between " + shown(min) + " and " + shown(max) + ")";
        Matcher m = DURATION.matcher(raw.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            map.problem(key, raw, raw.strip().matches("\\d+") ? "has no unit" : "is not a duration", fix);
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            map.problem(key, raw, "is out of range", fix);
            return null;
        }
        return d;
    }
}
