package org.homeamp.demo.ampsim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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

    /** A raw body to send as is (fault injection), bypassing serialisation. */
    record RawReply(String body) {
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
    private final Map<String, String> rememberTokens = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<FailRule> failRules = new ArrayList<>();
    private final AtomicInteger failedLogins = new AtomicInteger();
    private volatile int latencyMillis;
    private volatile String baseUrl = "";
    private volatile int port;

    SimulatedHost(HostConfig config) throws IOException {
        this.config = config;
        this.sessions = new SessionStore(config.sessionIdleSeconds(), System::nanoTime);
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

    void setLatencyMillis(int millis) {
        this.latencyMillis = Math.max(0, millis);
    }

    int failedLoginCount() {
        return failedLogins.get();
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
        calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        pause();
        String injected = takeFailRule(path);
        if (injected != null) {
            return new RawReply(injected);
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
            return login(SessionStore.CONTROLLER, CONTROLLER_PERMISSIONS, request);
        }
        SessionStore.Session session = session(SessionStore.CONTROLLER, method, bearer, request);
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
            return login(scope, INSTANCE_PERMISSIONS, request);
        }
        SessionStore.Session session = session(scope, method, bearer, request);
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
            case "GetStatus" -> status(instance);
            case "GetUpdates" -> updates(instance, session);
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

    private ObjectNode login(String scope, List<String> permissions, JsonNode request) {
        String username = request.path("username").asString("");
        String password = request.path("password").asString("");
        String token = request.path("token").asString("");
        boolean accepted = username.equals(config.username())
                && (!password.isEmpty() ? passwordMatches(password)
                        : !token.isEmpty() && username.equals(rememberTokens.get(token)));
        if (!accepted) {
            int failures = failedLogins.incrementAndGet();
            log.info("simulated AMP {}: rejected login for '{}' ({} rejected so far)", config.targetName(),
                    username, failures);
            ObjectNode refused = Envelopes.JSON.createObjectNode();
            refused.put("success", false);
            refused.put("result", 0);
            refused.put("resultReason", "Incorrect username or password");
            refused.put("sessionID", Envelopes.NIL_GUID);
            return refused;
        }
        SessionStore.Session session = sessions.open(scope);
        String rememberMeToken = "";
        if (request.path("rememberMe").asBoolean(false)) {
            rememberMeToken = UUID.randomUUID().toString();
            rememberTokens.put(rememberMeToken, username);
        }
        ObjectNode ok = Envelopes.JSON.createObjectNode();
        ok.put("success", true);
        ok.put("sessionID", session.id);
        ok.put("rememberMeToken", rememberMeToken);
        ArrayNode granted = ok.putArray("permissions");
        permissions.forEach(granted::add);
        ok.put("resultReason", "");
        ok.put("result", 10);
        ObjectNode user = ok.putObject("userInfo");
        user.put("ID", UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString());
        user.put("Username", username);
        user.put("EmailAddress", "");
        user.put("IsTwoFactorEnabled", false);
        user.put("Disabled", false);
        user.put("LastLogin", Envelopes.date(System.currentTimeMillis()));
        user.put("GravatarHash", "");
        user.put("AvatarBase64", "");
        user.put("IsLDAPUser", false);
        return ok;
    }

    private boolean passwordMatches(String password) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            byte[] expected = HexFormat.of().parseHex(config.passwordSha256().toLowerCase(Locale.ROOT));
            return MessageDigest.isEqual(hash, expected);
        } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
            log.warn("simulated AMP {}: host.json passwordSha256 is not a SHA-256 hex digest; refusing logins",
                    config.targetName());
            return false;
        }
    }

    /** Header first (AMP 2.6.2+), then body {@code SESSIONID} (the classic way); either is accepted. */
    private SessionStore.Session session(String scope, String method, String bearer, JsonNode request) {
        SessionStore.Session session = sessions.use(bearer, scope);
        if (session == null) {
            JsonNode bodyId = request.get("SESSIONID");
            session = sessions.use(bodyId == null || bodyId.isNull() ? null : bodyId.asString(), scope);
        }
        if (session == null) {
            throw ApiFailure.of(Envelopes.unauthorized(method));
        }
        return session;
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

    private ObjectNode status(SimulatedInstance instance) {
        AmpState state = instance.appState();
        boolean ready = state == AmpState.READY;
        ObjectNode status = Envelopes.JSON.createObjectNode();
        status.put("State", state.code());
        status.put("Uptime", instance.uptime());
        ObjectNode metrics = status.putObject("Metrics");
        metric(metrics, "CPU Usage", ready ? 7 : 0, 100, "%", "CPU");
        metric(metrics, "Memory Usage", ready ? 2341 : 0, 4096, "MB", "RAM");
        metric(metrics, "Active Users", 0, 100, "", "Users");
        if ("Minecraft".equals(instance.seed().module())) {
            ObjectNode tps = metric(metrics, "TPS", ready ? 20 : 0, 20, "TPS", null);
            tps.put("Percent", 0);
        }
        return status;
    }

    private static ObjectNode metric(ObjectNode metrics, String name, int raw, int max, String units,
            String shortName) {
        ObjectNode metric = metrics.putObject(name);
        metric.put("RawValue", raw);
        metric.put("MaxValue", max);
        metric.put("Percent", raw * 100 / max);
        metric.put("Units", units);
        if (shortName == null) {
            metric.putNull("ShortName");
        } else {
            metric.put("ShortName", shortName);
        }
        return metric;
    }

    private ObjectNode updates(SimulatedInstance instance, SessionStore.Session session) {
        ObjectNode updates = Envelopes.JSON.createObjectNode();
        updates.set("Status", status(instance));
        ArrayNode entries = updates.putArray("ConsoleEntries");
        synchronized (session) {
            SimulatedInstance.ConsoleRead read = instance.readConsole(session.consoleCursor);
            session.consoleCursor = read.nextCursor();
            for (SimulatedInstance.ConsoleLine line : read.lines()) {
                ObjectNode entry = entries.addObject();
                entry.put("Contents", line.contents());
                entry.put("Source", "Console");
                entry.put("SourceId", "");
                entry.put("Timestamp", Envelopes.date(line.timestampMillis()));
                entry.put("Type", "Console");
            }
        }
        updates.putArray("Messages");
        updates.putArray("Ports");
        updates.putArray("Tasks");
        return updates;
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
