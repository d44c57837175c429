package org.homeamp.amp;

import static org.homeamp.amp.AmpReplies.text;
import static org.homeamp.amp.AmpReplies.unwrapResult;

import org.homeamp.amp.AmpCaller.Retry;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Client for one AMP controller (ADS) and, through its proxy route, the instances it manages.
 *
 * <p>Wire rules this class keeps (see {@code research/amp-api.md}): every call is a JSON POST to
 * {@code {base}/API/{Module}/{Method}}; the session travels both as {@code SESSIONID} in the body
 * and as {@code Authorization: Bearer}; instance calls go to
 * {@code {base}/API/ADSModule/Servers/{InstanceID}/API/{Module}/{Method}} with a session from a
 * login through that same route; AMP reports errors with HTTP 200 and one of three envelopes.
 *
 * <p>Reads (login, instance list, listings, file chunks, status) are sent again after a transient
 * failure, with backoff, by the client's {@link RetryPolicy}; writes, renames, trash and lifecycle
 * calls are sent once, because repeating them is not safe. A rejected password is never retried.
 *
 * <p>Thread-safe: sessions are cached per instance ({@link AmpSessions}). Every failure is an
 * {@link AmpException} whose message names the server, its URL, the method and what to do; messages
 * and log lines never contain the password or a session id.
 */
public final class AmpClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AmpClient.class);

    /** Chunk size for file transfers; AMP documents no limit, 1 MiB keeps each JSON body small. */
    static final int DEFAULT_CHUNK_SIZE = 1024 * 1024;

    private final AmpConnection connection;
    private final OkHttpClient http;
    private final boolean ownsHttp;
    private final JsonMapper json = JsonMapper.builder().build();
    private final AmpTransport transport;
    private final AmpSessions sessions;
    private final AmpCaller caller;
    private final StateWaiter waiter;
    private final int chunkSize;

    /** A client with its own HTTP stack, closed by {@link #close()}. */
    public AmpClient(AmpConnection connection) {
        this(connection, new OkHttpClient(), true, DEFAULT_CHUNK_SIZE, RetryPolicy.DEFAULT);
    }

    /**
     * A client that shares {@code http} (its pool and dispatcher); the connection's call timeout
     * still applies. {@link #close()} leaves {@code http} alone.
     */
    public AmpClient(AmpConnection connection, OkHttpClient http) {
        this(connection, http, false, DEFAULT_CHUNK_SIZE, RetryPolicy.DEFAULT);
    }

    /** As {@link #AmpClient(AmpConnection, OkHttpClient)} with its own retry policy for reads. */
    public AmpClient(AmpConnection connection, OkHttpClient http, RetryPolicy retry) {
        this(connection, http, false, DEFAULT_CHUNK_SIZE, retry);
    }

    AmpClient(AmpConnection connection, OkHttpClient http, boolean ownsHttp, int chunkSize, RetryPolicy retry) {
        this.connection = Objects.requireNonNull(connection, "connection");
        Duration timeout = connection.callTimeout();
        this.http = http.newBuilder()
                .callTimeout(timeout)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .followRedirects(false)
                .build();
        this.ownsHttp = ownsHttp;
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunkSize must be positive");
        }
        this.chunkSize = chunkSize;
        this.transport = new AmpTransport(connection, this.http, json);
        this.sessions = new AmpSessions(connection, transport, json);
        this.waiter = new StateWaiter(connection, id -> status(id, Retry.TRANSIENT_BUT_UNAVAILABLE));
        this.caller = new AmpCaller(transport, sessions, Objects.requireNonNull(retry, "retry"), waiter::sleep);
    }

    /** The connection this client uses. */
    public AmpConnection connection() {
        return connection;
    }

    // ---------------------------------------------------------------- controller

    /**
     * Logs in to the controller now (other calls log in on demand). Useful to check credentials early.
     *
     * @throws AmpException.LoginRejected when AMP refuses the credentials; the client is unusable after that
     */
    public void login() {
        caller.login();
    }

    /** All targets with their non-ADS instances ({@code ADSModule/GetInstances}). */
    public List<AmpTarget> getInstances() {
        ObjectNode params = json.createObjectNode().put("ForceIncludeSelf", true);
        JsonNode answer = unwrapResult(read(null, "ADSModule", "GetInstances", params));
        if (answer == null || !answer.isArray()) {
            throw new AmpException("AMP server '" + connection.serverName() + "' (" + connection.displayUrl()
                    + ") answered ADSModule/GetInstances with something other than a list of targets: "
                    + "check that the URL points at the controller (ADS), not at a single instance");
        }
        List<AmpTarget> targets = new ArrayList<>();
        for (JsonNode target : answer.values()) {
            String targetId = text(target, "InstanceId");
            String targetName = text(target, "FriendlyName");
            List<AmpInstance> instances = new ArrayList<>();
            for (JsonNode row : target.path("AvailableInstances").values()) {
                String module = text(row, "Module");
                if ("ADS".equalsIgnoreCase(module)) {
                    continue;
                }
                String instanceId = text(row, "InstanceID");
                if (instanceId == null) {
                    log.warn("AMP server '{}': skipped an instance row without InstanceID on target {}",
                            connection.serverName(), targetName);
                    continue;
                }
                String owner = text(row, "TargetID");
                instances.add(new AmpInstance(
                        instanceId,
                        owner != null ? owner : targetId,
                        targetName,
                        text(row, "InstanceName"),
                        text(row, "FriendlyName"),
                        module,
                        row.path("Running").asBoolean(false),
                        AmpState.of(row.path("AppState").asInt(AmpState.UNDEFINED.code()))));
            }
            targets.add(new AmpTarget(targetId, targetName, text(target, "URL"), instances));
        }
        return targets;
    }

    /**
     * The Minecraft instances of all targets, or of the target whose FriendlyName equals
     * {@code targetFilter} (ignoring case) when it is not null.
     */
    public List<AmpInstance> minecraftInstances(String targetFilter) {
        List<AmpInstance> result = new ArrayList<>();
        for (AmpTarget target : getInstances()) {
            if (targetFilter != null && !targetFilter.equalsIgnoreCase(target.friendlyName())) {
                continue;
            }
            for (AmpInstance instance : target.instances()) {
                if (instance.isMinecraft()) {
                    result.add(instance);
                }
            }
        }
        return result;
    }

    // ---------------------------------------------------------------- lifecycle

    /** The live state of an instance (proxied {@code Core/GetStatus}). */
    public AmpStatus getStatus(String instanceId) {
        return status(instanceId, Retry.TRANSIENT);
    }

    private AmpStatus status(String instanceId, Retry mode) {
        JsonNode answer = call(instanceId, "Core", "GetStatus", json.createObjectNode(), mode);
        if (answer == null) {
            return new AmpStatus(AmpState.UNKNOWN, null);
        }
        return new AmpStatus(AmpState.of(answer.path("State").asInt(AmpState.UNKNOWN.code())), text(answer, "Uptime"));
    }

    /** Asks AMP to start the game server; returns when AMP accepted, not when it is ready. */
    public void startApplication(String instanceId) {
        call(instanceId, "Core", "Start", json.createObjectNode(), Retry.NEVER);
    }

    /** Asks AMP to stop the game server; returns when AMP accepted (AMP answers with an empty body). */
    public void stopApplication(String instanceId) {
        call(instanceId, "Core", "Stop", json.createObjectNode(), Retry.NEVER);
    }

    /** Asks AMP to restart the game server; returns when AMP accepted, not when it is ready. */
    public void restartApplication(String instanceId) {
        call(instanceId, "Core", "Restart", json.createObjectNode(), Retry.NEVER);
    }

    /**
     * Console lines the instance printed since this client's session last asked ({@code Core/GetUpdates},
     * which AMP answers per session). After an instance restarts, AMP has dropped the session, so the
     * first call after the restart logs in again and reads the console since the restart.
     */
    public List<String> consoleUpdates(String instanceId) {
        JsonNode answer = call(instanceId, "Core", "GetUpdates", json.createObjectNode(), Retry.TRANSIENT);
        List<String> lines = new java.util.ArrayList<>();
        if (answer != null) {
            for (JsonNode entry : answer.path("ConsoleEntries")) {
                String contents = text(entry, "Contents");
                if (contents != null) {
                    lines.add(contents);
                }
            }
        }
        return lines;
    }

    /**
     * Polls {@code Core/GetStatus} every poll interval until the instance is in {@code wanted}.
     * "Instance Unavailable" answers count as "not yet" because an instance answers that while it
     * restarts.
     *
     * @return the state reached (= {@code wanted})
     * @throws AmpException.ActionFailed     when the instance reports FAILED
     * @throws AmpException.DeadlineExceeded when {@code deadline} passes first
     */
    public AmpState awaitState(String instanceId, AmpState wanted, Duration deadline) {
        return waiter.await(instanceId, wanted, deadline, status -> true);
    }

    /**
     * Restarts the game server and waits until it is READY again. READY only counts once the
     * restart is visible (a state other than READY, the instance unavailable, or a lower uptime),
     * so a status read before AMP began the restart is not mistaken for success.
     */
    public void restartAndAwaitReady(String instanceId, Duration deadline) {
        Duration uptimeBefore = AmpReplies.parseUptime(getStatus(instanceId).uptime());
        restartApplication(instanceId);
        boolean[] restartSeen = {uptimeBefore == null};
        waiter.await(instanceId, AmpState.READY, deadline, status -> {
            if (status == null || status.state() != AmpState.READY) {
                restartSeen[0] = true;
                return false;
            }
            Duration uptime = AmpReplies.parseUptime(status.uptime());
            return restartSeen[0] || uptime == null || uptime.compareTo(uptimeBefore) < 0;
        });
    }

    // ---------------------------------------------------------------- files

    /**
     * Entries of {@code dir} (relative to the instance's FileManager root, {@code ""} = the root)
     * from {@code FileManagerPlugin/GetDirectoryListing}.
     */
    public List<AmpFileEntry> listDirectory(String instanceId, String dir) {
        JsonNode answer = unwrapResult(read(instanceId, "FileManagerPlugin", "GetDirectoryListing",
                json.createObjectNode().put("Dir", dir)));
        List<AmpFileEntry> entries = new ArrayList<>();
        if (answer == null) {
            return entries;
        }
        for (JsonNode row : answer.values()) {
            String name = text(row, "Filename");
            if (name == null) {
                continue;
            }
            entries.add(new AmpFileEntry(name, row.path("IsDirectory").asBoolean(false),
                    row.path("SizeBytes").asLong(0), AmpReplies.parseDate(text(row, "Modified"))));
        }
        return entries;
    }

    /**
     * Opens a file for streaming with {@code ReadFileChunk}; each read past the buffer fetches
     * the next chunk (a failed fetch throws the {@link AmpException}, unchecked). The first chunk is
     * fetched here, so a missing file fails at once.
     */
    public InputStream openFile(String instanceId, String path) {
        return new ChunkInputStream(offset -> readChunk(instanceId, path, offset), chunkSize);
    }

    /** The whole file, read chunk by chunk. */
    public byte[] readFile(String instanceId, String path) {
        try (InputStream in = openFile(instanceId, path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AmpException("reading " + path + " of instance " + instanceId + " failed: " + e.getMessage(), e);
        }
    }

    /** Writes {@code data} to {@code path} with {@code WriteFileChunk}, chunk by chunk (replaces an existing file). */
    public void writeFile(String instanceId, String path, byte[] data) {
        long offset = 0;
        do {
            int length = (int) Math.min(chunkSize, data.length - offset);
            byte[] chunk = Arrays.copyOfRange(data, (int) offset, (int) offset + length);
            boolean last = offset + length >= data.length;
            ObjectNode params = json.createObjectNode()
                    .put("Filename", path)
                    .put("Data", Base64.getEncoder().encodeToString(chunk))
                    .put("Offset", offset)
                    .put("FinalChunk", last);
            call(instanceId, "FileManagerPlugin", "WriteFileChunk", params, Retry.NEVER);
            offset += length;
        } while (offset < data.length);
    }

    /** Renames a file; {@code newFilename} is the new name in the same directory. */
    public void renameFile(String instanceId, String path, String newFilename) {
        call(instanceId, "FileManagerPlugin", "RenameFile",
                json.createObjectNode().put("Filename", path).put("NewFilename", newFilename), Retry.NEVER);
    }

    /** Moves a file to the instance's trash. */
    public void trashFile(String instanceId, String path) {
        call(instanceId, "FileManagerPlugin", "TrashFile", json.createObjectNode().put("Filename", path), Retry.NEVER);
    }

    private byte[] readChunk(String instanceId, String path, long offset) {
        ObjectNode params = json.createObjectNode()
                .put("Filename", path)
                .put("Offset", offset)
                .put("ChunkSize", (long) chunkSize);
        JsonNode answer = read(instanceId, "FileManagerPlugin", "ReadFileChunk", params);
        String data = answer == null ? null : text(answer, "Result");
        if (data == null || data.isEmpty()) {
            return new byte[0];
        }
        try {
            return Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new AmpException("AMP server '" + connection.serverName() + "' (" + connection.displayUrl()
                    + ") sent a chunk of " + path + " (instance " + instanceId + ", offset " + offset
                    + ") that is not base64: this AMP version may encode files differently; report it with the AMP version", e);
        }
    }

    // ---------------------------------------------------------------- calls

    private JsonNode read(String instanceId, String module, String method, ObjectNode params) {
        return call(instanceId, module, method, params, Retry.TRANSIENT);
    }

    private JsonNode call(String instanceId, String module, String method, ObjectNode params, Retry mode) {
        return caller.call(instanceId, module, method, params, mode);
    }

    /** Forgets all sessions; shuts the HTTP stack down if this client created it. */
    @Override
    public void close() {
        sessions.clear();
        if (ownsHttp) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
