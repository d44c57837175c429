package org.homeamp.demo.ampsim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One simulated host as described by {@code <hostsDir>/<server>/host.json} and {@code instances.json},
 * the layout shared with the demo generator and the discovery job.
 */
record HostConfig(Path hostDir, String targetName, String targetId, String username, String passwordSha256,
        List<String> remoteTargets, int sessionIdleSeconds, long restartMillis, int latencyMillis, Faults faults,
        List<InstanceSeed> instances) {

    static final int DEFAULT_SESSION_IDLE_SECONDS = 300;
    static final long DEFAULT_RESTART_MILLIS = 1500;

    /**
     * Optional {@code "faults"} object of host.json: {@code errorRate} (share of calls answering HTTP 500
     * or "Instance Unavailable"), {@code throttleRate} (share answering 429), {@code retryAfterSeconds},
     * {@code seed}, and {@code sessionMaxCalls} (a session expires after this many calls; 0 = never).
     */
    record Faults(long seed, double errorRate, double throttleRate, int retryAfterSeconds, int sessionMaxCalls) {
        static final Faults NONE = new Faults(0, 0, 0, 1, 0);

        static Faults of(JsonNode node) {
            if (node == null || !node.isObject()) {
                return NONE;
            }
            return new Faults(node.path("seed").asLong(0), node.path("errorRate").asDouble(0), node.path("throttleRate").asDouble(0),
                    node.path("retryAfterSeconds").asInt(1), node.path("sessionMaxCalls").asInt(0));
        }
    }

    /** One row of instances.json: identity plus the initial state the simulator starts from. */
    record InstanceSeed(String instanceId, String instanceName, String friendlyName, String description,
            String module, String moduleDisplayName, int port, int appState, boolean running) {
    }

    static HostConfig load(Path hostDir) throws IOException {
        JsonNode host = readJson(hostDir.resolve("host.json"));
        List<String> remotes = new ArrayList<>();
        for (JsonNode remote : host.path("remoteTargets")) {
            remotes.add(remote.asString());
        }
        return new HostConfig(hostDir,
                required(host, "targetName", hostDir.resolve("host.json")),
                required(host, "targetId", hostDir.resolve("host.json")),
                required(host, "username", hostDir.resolve("host.json")),
                required(host, "passwordSha256", hostDir.resolve("host.json")),
                List.copyOf(remotes),
                host.path("sessionIdleSeconds").asInt(DEFAULT_SESSION_IDLE_SECONDS),
                host.path("restartMillis").asLong(DEFAULT_RESTART_MILLIS),
                // optional: answer every call this much later, like a host across the internet (benchmarks, crash tests)
                host.path("latencyMillis").asInt(0),
                Faults.of(host.get("faults")),
                loadInstances(hostDir));
    }

    static List<InstanceSeed> loadInstances(Path hostDir) throws IOException {
        Path file = hostDir.resolve("instances.json");
        List<InstanceSeed> seeds = new ArrayList<>();
        if (!Files.exists(file)) {
            return seeds;
        }
        for (JsonNode row : readJson(file)) {
            String name = required(row, "InstanceName", file);
            seeds.add(new InstanceSeed(
                    required(row, "InstanceID", file),
                    name,
                    row.path("FriendlyName").asString(name),
                    row.path("Description").asString(""),
                    row.path("Module").asString("Minecraft"),
                    row.hasNonNull("ModuleDisplayName") ? row.get("ModuleDisplayName").asString() : null,
                    row.path("Port").asInt(8081),
                    row.path("AppState").asInt(0),
                    row.path("Running").asBoolean(true)));
        }
        return seeds;
    }

    private static JsonNode readJson(Path file) throws IOException {
        try {
            return Envelopes.JSON.readTree(Files.readAllBytes(file));
        } catch (JacksonException e) {
            throw new IOException("Simulated AMP host file " + file + " is not valid JSON: " + e.getOriginalMessage()
                    + "; regenerate the demo with 'homeamp demo --fresh'", e);
        }
    }

    private static String required(JsonNode node, String key, Path file) throws IOException {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || value.asString().isBlank()) {
            throw new IOException("Simulated AMP host file " + file + " lacks \"" + key
                    + "\"; regenerate the demo with 'homeamp demo --fresh'");
        }
        return value.asString();
    }
}
