package org.homeamp.demo.ampsim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.homeamp.amp.AmpState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API of one simulated ADS controller and its instances, independent of HTTP: takes the request
 * path, bearer token and body, returns the body AMP would send. Sessions, lifecycle and faults follow
 * {@code research/amp-api.md}; where real behaviour is unknown the simulator picks the stricter option.
 */
final class SimulatedHost {

    private static final Logger log = LoggerFactory.getLogger(SimulatedHost.class);

    private static final String PROXY_PREFIX = "ADSModule/Servers/";
    private static final List<String> CONTROLLER_PERMISSIONS = List.of("ADS.InstanceManagement.StartInstances",
            "ADS.InstanceManagement.StopInstances", "ADS.InstanceManagement.RestartInstances", "Instances.*");
    private static final List<String> INSTANCE_PERMISSIONS = List.of("Core.AppManagement.StartApplication",
            "Core.AppManagement.StopApplication", "Core.AppManagement.RestartApplication",
            "Core.AppManagement.ReadConsole", "FileManager.*");

    /** A raw answer to send as is (fault injection), bypassing serialisation; {@code retryAfter} null = no header. */
    record RawReply(int status, String body, Integer retryAfter) {
        RawReply(String body) {
            this(200, body, null);
        }
    }

    private record FailRule(String pathSuffix, String body) {
    }

    private record RemoteTarget(HostConfig config) {
    }

    private final HostConfig config;
    private final Map<String, SimulatedInstance> byName = new LinkedHashMap<>();
    private final Map<String, SimulatedInstance> byId = new LinkedHashMap<>();
    private final Map<String, InstanceFileManager> files = new LinkedHashMap<>();
    private final List<RemoteTarget> remotes = new ArrayList<>();
    private final SessionStore sessions;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<FailRule> failRules = new ArrayList<>();
    private final SimulatedLogin logins;
    private final FaultPlan faults;
    private volatile int latencyMillis;
    private volatile String baseUrl = "";
    private volatile int port;

    SimulatedHost(HostConfig config) throws IOException {
        this.config = config;
        this.sessions = new SessionStore(config.sessionIdleSeconds(), System::nanoTime);
        this.sessions.setMaxCalls(config.faults().sessionMaxCalls());
        this.logins = new SimulatedLogin(config, sessions);
        this.faults = new FaultPlan(config.faults().seed(), config.faults().errorRate(), config.faults().throttleRate(),
                config.faults().retryAfterSeconds());
        this.latencyMillis = config.latencyMillis();
        for (HostConfig.InstanceSeed seed : config.instances()) {
            Path instanceDir = config.hostDir().resolve("instances").resolve(seed.instanceName());
            // Minecraft instances expose their server folder; other modules have no Minecraft/ folder.
            Path filesRoot = "Minecraft".equals(seed.module()) ? instanceDir.resolve("Minecraft") : instanceDir;
            SimulatedInstance instance = new SimulatedInstance(seed, filesRoot, System::nanoTime);
            byName.put(seed.instanceName(), instance);
            byId.put(seed.instanceId().toLowerCase(Locale.ROOT), instance);
            files.put(seed.instanceName(), new InstanceFileManager(filesRoot,
                    config.hostDir().resolve("trash").resolve(seed.instanceName())));
        }
        for (String remote : config.remoteTargets()) {
            remotes.add(new RemoteTarget(HostConfig.load(config.hostDir().resolveSibling(remote))));
        }
    }

    void bound(String baseUrl, int port) {
        this.baseUrl = baseUrl;
        this.port = port;
    }

    HostConfig config() {
        return config;
    }

    // ---- control surface (used by SimulatorControl) ----

    void expireAllSessions() {
        sessions.closeAll();
    }

    void failNextCall(String pathSuffix, String body) {
        synchronized (failRules) {
            failRules.add(new FailRule(pathSuffix, body));
        }
    }

    void setFaults(double errorRate, double throttleRate, int retryAfterSeconds) {
        faults.set(errorRate, throttleRate, retryAfterSeconds);
    }

    void setSessionMaxCalls(int maxCalls) {
        sessions.setMaxCalls(maxCalls);
    }

    void setLatencyMillis(int millis) {
        this.latencyMillis = Math.max(0, millis);
    }

    int failedLoginCount() {
        return logins.failedLoginCount();
    }

    int callCount(String pathSuffix) {
        return calls.entrySet().stream().filter(e -> e.getKey().endsWith(pathSuffix))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    SimulatedInstance instance(String instanceName) {
        SimulatedInstance instance = byName.get(instanceName);
        if (instance == null) {
            throw new IllegalArgumentException("The simulated host " + config.targetName() + " has no instance '"
                    + instanceName + "'; it has " + byName.keySet());
        }
        return instance;
    }

    void setInstanceRunning(String instanceName, boolean running) {
        SimulatedInstance instance = instance(instanceName);
        instance.setRunning(running);
        if (!running) {
            sessions.closeScope(instance.seed().instanceId());
        }
    }

    // ---- request handling ----

    /**
     * Answers one call: a {@link JsonNode}, a {@link RawReply}, or null for AMP's empty body (Void methods).
     *
     * @param path   the request path, starting with {@code /API/}
     * @param bearer the id from {@code Authorization: Bearer}, or null
     */
    Object handle(String path, String bearer, byte[] body) throws IOException {
        int nth = calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        pause();
        String injected = takeFailRule(path);
        if (injected != null) {
            return new RawReply(injected);
        }
        RawReply fault = randomFault(path, nth);
        if (fault != null) {
            return fault;
        }
        JsonNode request;
        try {
            request = body.length == 0 ? Envelopes.JSON.createObjectNode() : Envelopes.JSON.readTree(body);
        } catch (JacksonException e) {
            return Envelopes.fault("Bad Request", "The request body is not valid JSON.", "");
        }
        if (request == null || !request.isObject()) {
            return Envelopes.fault("Bad Request", "The request body must be a JSON object.", "");
        }
        String rest = path.substring("/API/".length());
        try {
            if (rest.startsWith(PROXY_PREFIX)) {
                return proxied(rest.substring(PROXY_PREFIX.length()), bearer, request);
            }
            String[] parts = rest.split("/");
            if (parts.length != 2) {
                return unknownMethod(rest);
            }
            return controller(parts[0], parts[1], bearer, request);
        } catch (ApiFailure failure) {
            return failure.envelope();
        }
    }

    private Object controller(String module, String method, String bearer, JsonNode request) {
        if (module.equals("Core") && method.equals("Login")) {
            return logins.login(SessionStore.CONTROLLER, CONTROLLER_PERMISSIONS, request);
        }
        SessionStore.Session session = logins.session(SessionStore.CONTROLLER, method, bearer, request);
        String key = module + "/" + method;
        return switch (key) {
            case "Core/Logout" -> {
                sessions.close(session.id);
                yield null;
            }
            case "ADSModule/GetInstances" -> instances();
            case "ADSModule/StartInstance", "ADSModule/StopInstance", "ADSModule/RestartInstance" ->
                    instanceLifecycle(method, request.path("InstanceName").asString(""));
            default -> unknownMethod(key);
        };
    }

    private Object proxied(String rest, String bearer, JsonNode request) throws IOException {
        String[] parts = rest.split("/");
        if (parts.length != 4 || !parts[1].equals("API")) {
            return unknownMethod(rest);
        }
        SimulatedInstance instance = byId.get(parts[0].toLowerCase(Locale.ROOT));
        // Remote-target and unknown ids are not served here; a down daemon answers the same way.
        if (instance == null || !instance.running()) {
            return Envelopes.instanceUnavailable();
        }
        String module = parts[2];
        String method = parts[3];
        String scope = instance.seed().instanceId();
        if (module.equals("Core") && method.equals("Login")) {
            return logins.login(scope, INSTANCE_PERMISSIONS, request);
        }
        SessionStore.Session session = logins.session(scope, method, bearer, request);
        if (module.equals("FileManagerPlugin")) {
            JsonNode reply = files.get(instance.seed().instanceName()).call(method, request);
            return reply != null ? reply : unknownMethod(module + "/" + method);
        }
        if (!module.equals("Core")) {
            return unknownMethod(module + "/" + method);
        }
        return switch (method) {
            case "Logout" -> {
                sessions.close(session.id);
                yield null;
            }
            case "GetStatus" -> StatusReplies.status(instance);
            case "GetUpdates" -> StatusReplies.updates(instance, session);
            case "Start" -> {
                startApplication(instance, AmpState.STARTING, false);
                yield Envelopes.actionOk();
            }
            case "Restart" -> {
                startApplication(instance, AmpState.RESTARTING, true);
                yield Envelopes.actionOk();
            }
            case "Stop" -> {
                stopApplication(instance);
                yield null;
            }
            case "Kill" -> {
                instance.forceState(AmpState.STOPPED);
                yield null;
            }
            default -> unknownMethod(module + "/" + method);
        };
    }

    private ArrayNode instances() {
        ArrayNode targets = Envelopes.JSON.createArrayNode();
        List<InstanceListing.InstanceRow> own = new ArrayList<>();
        for (SimulatedInstance instance : byName.values()) {
            own.add(new InstanceListing.InstanceRow(instance.seed(), instance.running(), instance.appState().code()));
        }
        targets.add(InstanceListing.target(1, config.targetId(), config.targetName(), false, baseUrl, port, own));
        int id = 2;
        for (RemoteTarget remote : remotes) {
            List<InstanceListing.InstanceRow> rows = new ArrayList<>();
            for (HostConfig.InstanceSeed seed : remote.config().instances()) {
                rows.add(new InstanceListing.InstanceRow(seed, seed.running(), seed.appState()));
            }
            targets.add(InstanceListing.target(id++, remote.config().targetId(), remote.config().targetName(), true,
                    "http://" + remote.config().targetName() + ":8080", 8080, rows));
        }
        return targets;
    }

    private ObjectNode instanceLifecycle(String method, String instanceName) {
        SimulatedInstance instance = byName.get(instanceName);
        if (instance == null) {
            return Envelopes.actionFailed("No such instance with this name");
        }
        String scope = instance.seed().instanceId();
        switch (method) {
            case "StartInstance" -> {
                if (!instance.running()) {
                    instance.setRunning(true);
                    instance.clearConsole();
                    // The simulated instances are configured to start their application with the process.
                    startApplication(instance, AmpState.STARTING, false);
                }
            }
            case "StopInstance" -> {
                sessions.closeScope(scope);
                instance.setRunning(false);
                instance.forceState(AmpState.STOPPED);
            }
            default -> {
                instance.setRunning(true);
                startApplication(instance, AmpState.RESTARTING, true);
            }
        }
        log.info("simulated AMP {}: {} {}", config.targetName(), method, instanceName);
        return Envelopes.actionOk();
    }

    private void startApplication(SimulatedInstance instance, AmpState during, boolean restart) {
        if (restart) {
            // Real AMP drops an instance's sessions when it restarts; clients must log in again.
            sessions.closeScope(instance.seed().instanceId());
            instance.clearConsole();
        } else {
            AmpState now = instance.appState();
            if (now == AmpState.READY || now == AmpState.STARTING || now == AmpState.RESTARTING) {
                return;
            }
        }
        Set<String> failing = instance.takeFailingPlugins();
        SimulatorControl.StartFailure failure = instance.takeStartFailure();
        if (failure != null) {
            instance.transition(during, AmpState.FAILED, config.restartMillis(),
                    PaperConsoleScript.failedStart(instance.seed().module(), failure, config.restartMillis()));
            return;
        }
        instance.transition(during, AmpState.READY, config.restartMillis(),
                PaperConsoleScript.start(instance.filesRoot(), instance.seed().module(), failing,
                        config.restartMillis()));
    }

    private void stopApplication(SimulatedInstance instance) {
        AmpState now = instance.appState();
        if (now == AmpState.STOPPED || now == AmpState.STOPPING) {
            return;
        }
        instance.transition(AmpState.STOPPING, AmpState.STOPPED, config.restartMillis(),
                PaperConsoleScript.stop(instance.seed().module()));
    }

    private static ObjectNode unknownMethod(String method) {
        return Envelopes.fault("Unknown method", "The requested API method " + method.replace('/', '.')
                + " does not exist.", "");
    }

    private void pause() {
        int millis = latencyMillis;
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A drawn fault happens before the call is processed, as when AMP or a proxy in front of it fails. */
    private RawReply randomFault(String path, int nth) {
        return switch (faults.next(path, nth)) {
            case NONE -> null;
            case HTTP_500 -> new RawReply(500, "<html><body><h1>500 Internal Server Error</h1></body></html>", null);
            case INSTANCE_UNAVAILABLE -> new RawReply(Envelopes.instanceUnavailable().toString());
            case TOO_MANY_REQUESTS -> new RawReply(429, "Too Many Requests", faults.retryAfterSeconds());
        };
    }

    private String takeFailRule(String path) {
        synchronized (failRules) {
            for (int i = 0; i < failRules.size(); i++) {
                if (path.endsWith(failRules.get(i).pathSuffix())) {
                    return failRules.remove(i).body();
                }
            }
        }
        return null;
    }
}
