package org.homeamp.amp;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
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
 * <p>Thread-safe: sessions are cached per instance and each one is obtained by a single login even
 * when several threads need it at once. After one rejected login the client never sends the
 * password again, because AMP blocks an address after a few failed logins.
 *
 * <p>Every failure is an {@link AmpException} whose message names the server, its URL, the method
 * and what to do; messages and log lines never contain the password or a session id.
 */
public final class AmpClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AmpClient.class);

    /** Chunk size for file transfers; AMP documents no limit, 1 MiB keeps each JSON body small. */
    static final int DEFAULT_CHUNK_SIZE = 1024 * 1024;
    /** AMP drops sessions after about 5 minutes idle; logging in again a little earlier saves a failed call. */
    private static final Duration IDLE_RELOGIN = Duration.ofMinutes(4);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String ACCEPT = "application/json, text/javascript";
    private static final String CONTROLLER = "";
    /** AuthenticationResult codes that concern one instance only, not the password. */
    private static final int NO_INSTANCE_ACCESS = 5;
    private static final int INSTANCE_SUSPENDED = 6;
    private static final Pattern MS_DATE = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");
    private static final Pattern UPTIME = Pattern.compile("(?:(\\d+)[:.])?(\\d+):(\\d{1,2}):(\\d{1,2})(?:\\.\\d+)?");

    private final AmpConnection connection;
    private final OkHttpClient http;
    private final boolean ownsHttp;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, SessionSlot> sessions = new ConcurrentHashMap<>();
    private final int chunkSize;
    /** Set once by the first rejected password; from then on every call fails without network. */
    private volatile String passwordRejected;
    private volatile boolean passwordAccepted;

    /** A client with its own HTTP stack, closed by {@link #close()}. */
    public AmpClient(AmpConnection connection) {
        this(connection, new OkHttpClient(), true, DEFAULT_CHUNK_SIZE);
    }

    /**
     * A client that shares {@code http} (its pool and dispatcher); the connection's call timeout
     * still applies. {@link #close()} leaves {@code http} alone.
     */
    public AmpClient(AmpConnection connection, OkHttpClient http) {
        this(connection, http, false, DEFAULT_CHUNK_SIZE);
    }

    AmpClient(AmpConnection connection, OkHttpClient http, boolean ownsHttp, int chunkSize) {
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
        sessionFor(CONTROLLER);
    }

    /** All targets with their non-ADS instances ({@code ADSModule/GetInstances}). */
    public List<AmpTarget> getInstances() {
        ObjectNode params = json.createObjectNode().put("ForceIncludeSelf", true);
        JsonNode answer = unwrapResult(call(null, "ADSModule", "GetInstances", params));
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
        JsonNode answer = call(instanceId, "Core", "GetStatus", json.createObjectNode());
        if (answer == null) {
            return new AmpStatus(AmpState.UNKNOWN, null);
        }
        return new AmpStatus(AmpState.of(answer.path("State").asInt(AmpState.UNKNOWN.code())), text(answer, "Uptime"));
    }

    /** Asks AMP to start the game server; returns when AMP accepted, not when it is ready. */
    public void startApplication(String instanceId) {
        call(instanceId, "Core", "Start", json.createObjectNode());
    }

    /** Asks AMP to stop the game server; returns when AMP accepted (AMP answers with an empty body). */
    public void stopApplication(String instanceId) {
        call(instanceId, "Core", "Stop", json.createObjectNode());
    }

    /** Asks AMP to restart the game server; returns when AMP accepted, not when it is ready. */
    public void restartApplication(String instanceId) {
        call(instanceId, "Core", "Restart", json.createObjectNode());
    }

    /**
     * Console lines the instance printed since this client's session last asked ({@code Core/GetUpdates},
     * which AMP answers per session). After an instance restarts, AMP has dropped the session, so the
     * first call after the restart logs in again and reads the console since the restart.
     */
    public List<String> consoleUpdates(String instanceId) {
        JsonNode answer = call(instanceId, "Core", "GetUpdates", json.createObjectNode());
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
        return await(instanceId, wanted, deadline, status -> true);
    }

    /**
     * Restarts the game server and waits until it is READY again. READY only counts once the
     * restart is visible (a state other than READY, the instance unavailable, or a lower uptime),
     * so a status read before AMP began the restart is not mistaken for success.
     */
    public void restartAndAwaitReady(String instanceId, Duration deadline) {
        Duration uptimeBefore = parseUptime(getStatus(instanceId).uptime());
        restartApplication(instanceId);
        boolean[] restartSeen = {uptimeBefore == null};
        await(instanceId, AmpState.READY, deadline, status -> {
            if (status == null || status.state() != AmpState.READY) {
                restartSeen[0] = true;
                return false;
            }
            Duration uptime = parseUptime(status.uptime());
            return restartSeen[0] || uptime == null || uptime.compareTo(uptimeBefore) < 0;
        });
    }

    private AmpState await(String instanceId, AmpState wanted, Duration deadline, Predicate<AmpStatus> accept) {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        String last = "no answer yet";
        AmpState lastState = null;
        while (true) {
            AmpStatus status;
            try {
                status = getStatus(instanceId);
            } catch (AmpException.InstanceUnavailable e) {
                log.debug("instance {} on AMP server '{}' unavailable while waiting for {}", instanceId, connection.serverName(), wanted);
                status = null;
                last = "instance unavailable";
            }
            if (status != null) {
                lastState = status.state();
                last = lastState.name();
                if (lastState == AmpState.FAILED && wanted != AmpState.FAILED) {
                    throw new AmpException.ActionFailed("instance " + instanceId + " on AMP server '" + connection.serverName()
                            + "' (" + connection.displayUrl() + ") reports state FAILED while waiting for " + wanted
                            + ": look at the instance's console in AMP, fix the cause and start it again");
                }
            }
            boolean matches = status != null && lastState == wanted;
            if (accept.test(status) && matches) {
                return lastState;
            }
            long now = System.nanoTime();
            if (now >= end) {
                long waited = Duration.ofNanos(now - start).toSeconds();
                throw new AmpException.DeadlineExceeded("instance " + instanceId + " on AMP server '" + connection.serverName()
                        + "' (" + connection.displayUrl() + ") did not reach " + wanted + " within " + deadline.toSeconds()
                        + " s (last state: " + last + ", waited " + waited + " s): look at the instance's console in AMP; "
                        + "if it is only slow, raise the deadline", lastState);
            }
            sleep(Math.min(connection.pollInterval().toNanos(), end - now));
        }
    }

    private void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmpException("interrupted while waiting for an instance on AMP server '" + connection.serverName() + "'", e);
        }
    }

    // ---------------------------------------------------------------- files

    /**
     * Entries of {@code dir} (relative to the instance's FileManager root, {@code ""} = the root)
     * from {@code FileManagerPlugin/GetDirectoryListing}.
     */
    public List<AmpFileEntry> listDirectory(String instanceId, String dir) {
        JsonNode answer = unwrapResult(call(instanceId, "FileManagerPlugin", "GetDirectoryListing",
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
                    row.path("SizeBytes").asLong(0), parseDate(text(row, "Modified"))));
        }
        return entries;
    }

    /**
     * Opens a file for streaming with {@code ReadFileChunk}; each read past the buffer fetches
     * the next chunk. The first chunk is fetched here, so a missing file fails at once.
     */
    public InputStream openFile(String instanceId, String path) {
        return new ChunkInputStream(instanceId, path);
    }

    /** The whole file, read chunk by chunk. */
    public byte[] readFile(String instanceId, String path) {
        try (InputStream in = openFile(instanceId, path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            if (e.getCause() instanceof AmpException amp) {
                throw amp;
            }
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
            call(instanceId, "FileManagerPlugin", "WriteFileChunk", params);
            offset += length;
        } while (offset < data.length);
    }

    /** Renames a file; {@code newFilename} is the new name in the same directory. */
    public void renameFile(String instanceId, String path, String newFilename) {
        call(instanceId, "FileManagerPlugin", "RenameFile",
                json.createObjectNode().put("Filename", path).put("NewFilename", newFilename));
    }

    /** Moves a file to the instance's trash. */
    public void trashFile(String instanceId, String path) {
        call(instanceId, "FileManagerPlugin", "TrashFile", json.createObjectNode().put("Filename", path));
    }

    private byte[] readChunk(String instanceId, String path, long offset) {
        ObjectNode params = json.createObjectNode()
                .put("Filename", path)
                .put("Offset", offset)
                .put("ChunkSize", (long) chunkSize);
        JsonNode answer = call(instanceId, "FileManagerPlugin", "ReadFileChunk", params);
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

    /** Streams a file chunk by chunk; a chunk shorter than asked for is the last one. */
    private final class ChunkInputStream extends InputStream {
        private final String instanceId;
        private final String path;
        private byte[] buffer;
        private int position;
        private long offset;
        private boolean lastChunk;

        ChunkInputStream(String instanceId, String path) {
            this.instanceId = instanceId;
            this.path = path;
            fetch();
        }

        private void fetch() {
            buffer = readChunk(instanceId, path, offset);
            position = 0;
            offset += buffer.length;
            lastChunk = buffer.length < chunkSize;
        }

        private boolean fill() throws IOException {
            while (position >= buffer.length) {
                if (lastChunk) {
                    return false;
                }
                try {
                    fetch();
                } catch (AmpException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? buffer[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] target, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, target.length);
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, buffer.length - position);
            System.arraycopy(buffer, position, target, off, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return buffer.length - position;
        }
    }

    // ---------------------------------------------------------------- sessions and transport

    /** One cached session; its monitor makes logins single-flight. */
    private static final class SessionSlot {
        private String sessionId;
        private long lastUsedNanos;
        private String rejected;
    }

    private SessionSlot slot(String key) {
        return sessions.computeIfAbsent(key, k -> new SessionSlot());
    }

    private String sessionFor(String key) {
        refuseIfPasswordRejected();
        if (!CONTROLLER.equals(key) && !passwordAccepted) {
            // The controller checks the password once, so a wrong one is never sent to many instances in parallel.
            sessionFor(CONTROLLER);
        }
        SessionSlot slot = slot(key);
        synchronized (slot) {
            refuseIfPasswordRejected();
            if (slot.rejected != null) {
                throw new AmpException.LoginRejected(slot.rejected);
            }
            if (slot.sessionId != null && System.nanoTime() - slot.lastUsedNanos < IDLE_RELOGIN.toNanos()) {
                return slot.sessionId;
            }
            slot.sessionId = login(key, slot);
            slot.lastUsedNanos = System.nanoTime();
            return slot.sessionId;
        }
    }

    private void forget(String key, String staleSession) {
        SessionSlot slot = slot(key);
        synchronized (slot) {
            // Another thread may already have replaced it; only drop the one that failed.
            if (Objects.equals(slot.sessionId, staleSession)) {
                slot.sessionId = null;
            }
        }
    }

    private void touch(String key) {
        SessionSlot slot = slot(key);
        synchronized (slot) {
            slot.lastUsedNanos = System.nanoTime();
        }
    }

    private void refuseIfPasswordRejected() {
        String reason = passwordRejected;
        if (reason != null) {
            throw new AmpException.LoginRejected(reason + " (not tried again: an earlier login was rejected)");
        }
    }

    private String login(String key, SessionSlot slot) {
        String instanceId = CONTROLLER.equals(key) ? null : key;
        String what = describe(instanceId, "Core", "Login");
        ObjectNode body = json.createObjectNode()
                .put("username", connection.username())
                .put("password", connection.password().reveal())
                .put("token", "")
                .put("rememberMe", false);
        log.debug("logging in: {}", what);
        JsonNode answer = post(what, url(instanceId, "Core", "Login"), body, null);
        if (answer != null && answer.has("success") && !answer.path("success").asBoolean(false)) {
            int result = answer.path("result").asInt(0);
            String reason = text(answer, "resultReason");
            String message = "AMP server '" + connection.serverName() + "' (" + connection.displayUrl() + ") rejected the login of user '"
                    + connection.username() + "'" + (instanceId == null ? "" : " on instance " + instanceId)
                    + ": " + (reason == null || reason.isBlank() ? "no reason given (result " + result + ")" : reason);
            if (instanceId != null && (result == NO_INSTANCE_ACCESS || result == INSTANCE_SUSPENDED)) {
                slot.rejected = message + ". Give the user access to this instance (or unsuspend it) in AMP";
                throw new AmpException.LoginRejected(slot.rejected);
            }
            passwordRejected = message + ". Fix the username or password for this server in homeamp.yml; "
                    + "this tool does not retry because AMP blocks addresses after repeated failed logins";
            log.warn("{}", passwordRejected);
            throw new AmpException.LoginRejected(passwordRejected);
        }
        raiseOnError(answer, what);
        String session = answer == null ? null : text(answer, "sessionID");
        if (session == null || session.isBlank() || session.equals("00000000-0000-0000-0000-000000000000")) {
            throw new AmpException("AMP server '" + connection.serverName() + "' (" + connection.displayUrl() + ") accepted "
                    + what + " but returned no session: check that the URL points at AMP and that the user may log in via the API");
        }
        passwordAccepted = true;
        return session;
    }

    /**
     * One API call with the session for its scope. An expired session is replaced by one new
     * login and the call is repeated once; never more, so a broken setup cannot loop.
     */
    private JsonNode call(String instanceId, String module, String method, ObjectNode params) {
        String key = instanceId == null ? CONTROLLER : instanceId;
        String what = describe(instanceId, module, method);
        HttpUrl url = url(instanceId, module, method);
        String session = sessionFor(key);
        JsonNode answer = post(what, url, withSession(params, session), session);
        if (isSessionExpired(answer)) {
            log.debug("session expired, logging in again: {}", what);
            forget(key, session);
            session = sessionFor(key);
            answer = post(what, url, withSession(params, session), session);
            if (isSessionExpired(answer)) {
                forget(key, session);
                throw new AmpException.SessionExpired(what + " was refused as 'Unauthorized Access' twice, even right after a fresh login: "
                        + "check that the AMP user has permission to log in to this instance (and that AMP's clock and session settings are sane)");
            }
        }
        touch(key);
        raiseOnError(answer, what);
        return answer;
    }

    private ObjectNode withSession(ObjectNode params, String session) {
        ObjectNode body = params.deepCopy();
        body.put("SESSIONID", session);
        return body;
    }

    private HttpUrl url(String instanceId, String module, String method) {
        HttpUrl.Builder b = HttpUrl.get(connection.baseUrl().toString()).newBuilder().addPathSegment("API");
        if (instanceId != null) {
            b.addPathSegment("ADSModule").addPathSegment("Servers").addPathSegment(instanceId).addPathSegment("API");
        }
        return b.addPathSegment(module).addPathSegment(method).build();
    }

    private String describe(String instanceId, String module, String method) {
        return module + "/" + method + (instanceId == null ? "" : " for instance " + instanceId)
                + " on AMP server '" + connection.serverName() + "' (" + connection.displayUrl() + ")";
    }

    /** POSTs {@code body}; returns the parsed answer, or null for AMP's empty answer to void methods. */
    private JsonNode post(String what, HttpUrl url, ObjectNode body, String session) {
        Request.Builder request = new Request.Builder()
                .url(url)
                .header("Accept", ACCEPT)
                .header("User-Agent", connection.userAgent())
                .post(RequestBody.create(json.writeValueAsBytes(body), JSON));
        if (session != null) {
            request.header("Authorization", "Bearer " + session);
        }
        long start = System.nanoTime();
        byte[] bytes;
        int code;
        try (Response response = http.newCall(request.build()).execute()) {
            code = response.code();
            ResponseBody responseBody = response.body();
            bytes = responseBody.bytes();
        } catch (InterruptedIOException e) {
            throw new AmpException.Unreachable(what + " got no answer within " + connection.callTimeout().toSeconds()
                    + " s: check that AMP is running and reachable from here, or raise the call timeout", e);
        } catch (IOException e) {
            throw new AmpException.Unreachable(what + " failed: " + e.getMessage()
                    + ": check the URL in homeamp.yml and that AMP is running and reachable from here", e);
        }
        log.debug("{} answered HTTP {} ({} bytes) in {} ms", what, code, bytes.length, Duration.ofNanos(System.nanoTime() - start).toMillis());
        if (code < 200 || code > 299) {
            throw new AmpException.Unreachable(what + " answered HTTP " + code + " " + snippet(bytes)
                    + ": AMP itself answers with HTTP 200, so this comes from something in between (a reverse proxy, or AMP restarting); "
                    + "check that AMP is up and that the URL in homeamp.yml points at it", null);
        }
        if (isBlank(bytes)) {
            return null;
        }
        try {
            // parsed from the bytes: file chunks arrive as megabytes of base64 in one string, and the
            // byte-based parser reads them several times faster than one fed from a String
            return json.readTree(bytes);
        } catch (JacksonException e) {
            throw new AmpException.Unreachable(what + " answered HTTP " + code + " with something that is not JSON " + snippet(bytes)
                    + ": the URL may point at a web page or a reverse proxy's error page instead of AMP; check the URL in homeamp.yml", null);
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String snippet(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return "(empty body)";
        }
        return "('" + (text.length() > 80 ? text.substring(0, 80) + "...'" : text + "'") + ")";
    }

    private static boolean isFault(JsonNode answer) {
        return answer != null && answer.isObject() && answer.has("Title") && answer.has("Message") && answer.has("StackTrace");
    }

    private static boolean isSessionExpired(JsonNode answer) {
        if (!isFault(answer)) {
            return false;
        }
        String title = text(answer, "Title");
        String message = text(answer, "Message");
        return "Unauthorized Access".equalsIgnoreCase(title) && message != null && message.contains("Session.Exists");
    }

    /** Turns AMP's HTTP-200 error envelopes into exceptions. */
    private void raiseOnError(JsonNode answer, String what) {
        if (answer == null || !answer.isObject()) {
            return;
        }
        if (isFault(answer)) {
            String title = text(answer, "Title");
            String message = text(answer, "Message");
            if ("Instance Unavailable".equalsIgnoreCase(title)) {
                throw new AmpException.InstanceUnavailable(title, what + " failed: Instance Unavailable (" + message
                        + "): the instance's AMP process is down or restarting; start the instance in AMP or try again later");
            }
            String advice = "Unauthorized Access".equalsIgnoreCase(title)
                    ? "give the AMP user the permission named above"
                    : "look at AMP's log for this error";
            throw new AmpException.Fault(title, what + " failed: " + title + " (" + message + "): " + advice);
        }
        JsonNode status = answer.get("Status");
        if (status != null && status.isBoolean() && !status.asBoolean()) {
            throw new AmpException.ActionFailed(what + " failed: " + reasonOf(text(answer, "Reason"))
                    + ": check the instance in AMP");
        }
        JsonNode success = answer.get("success");
        if (success != null && success.isBoolean() && !success.asBoolean()) {
            throw new AmpException.ActionFailed(what + " failed: " + reasonOf(text(answer, "resultReason"))
                    + ": check the instance in AMP");
        }
    }

    private static String reasonOf(String reason) {
        return reason == null || reason.isBlank() ? "AMP gave no reason" : reason;
    }

    /** Older AMP versions wrapped list results as {@code {"result": [...]}}. */
    private static JsonNode unwrapResult(JsonNode answer) {
        if (answer != null && answer.isObject() && answer.size() == 1 && answer.has("result")) {
            return answer.get("result");
        }
        return answer;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }

    /** AMP sends {@code /Date(ms)/} (.NET) or ISO-8601 dates depending on version; anything else is "unknown". */
    static Instant parseDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher ms = MS_DATE.matcher(value.strip());
        if (ms.matches()) {
            return Instant.ofEpochMilli(Long.parseLong(ms.group(1)));
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                return null;
            }
        }
    }

    /** {@code hh:mm:ss}, {@code d:hh:mm:ss} or {@code d.hh:mm:ss}; null when absent or unreadable. */
    static Duration parseUptime(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = UPTIME.matcher(value.strip());
        if (!m.matches()) {
            return null;
        }
        long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        return Duration.ofDays(days).plusHours(Long.parseLong(m.group(2)))
                .plusMinutes(Long.parseLong(m.group(3))).plusSeconds(Long.parseLong(m.group(4)));
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
