package org.homeamp.amp;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.homeamp.config.Secret;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small AMP controller on {@link MockWebServer} speaking AMP's wire format: logins that hand out
 * sessions, the "Session.Exists" refusal for unknown sessions, the proxied route, and an in-memory
 * FileManager for one instance. Single calls can be scripted with {@link #on}.
 */
public final class MockAmp implements AutoCloseable {
    public static final String USER = "homeamp";
    public static final String PASSWORD = "correct-horse-7";
    public static final String SESSION_PREFIX = "c0ffee00-5e55-";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as AMP saw it. */
    public record Call(String instanceId, String method, JsonNode body, okhttp3.Headers headers) {
        public String text(String field) {
            JsonNode v = body.get(field);
            return v == null || v.isNull() ? null : v.asString();
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Deque<Function<Call, MockResponse>>> scripted = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, PendingFailure> pendingFailures = new ConcurrentHashMap<>();
    private final Set<String> validSessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sessionCounter = new AtomicInteger();
    /** The instance's Minecraft/ folder: path → content. */
    public final Map<String, byte[]> files = Collections.synchronizedMap(new TreeMap<>());
    /** FileManager operations in order, e.g. {@code RenameFile a -> b}. */
    public final List<String> fileOps = new CopyOnWriteArrayList<>();

    public MockAmp() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        server.start();
    }

    public URI url() {
        return server.url("/").uri();
    }

    public AmpConnection connection(String password, Duration callTimeout) {
        return new AmpConnection("lab", url(), USER, new Secret(password), "HomeAMP-Test/1.0", callTimeout, Duration.ofMillis(20));
    }

    public AmpClient client() {
        return client(PASSWORD);
    }

    /** Retries as in production, but with millisecond waits so that tests stay fast. */
    public static final RetryPolicy FAST_RETRY = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(2));

    public AmpClient client(String password) {
        return new AmpClient(connection(password, Duration.ofSeconds(5)), new OkHttpClient(), FAST_RETRY);
    }

    /**
     * Scripts the answers to {@code method} ({@code Module/Method}) for the controller
     * ({@code instanceId} null) or one instance; the last answer repeats.
     */
    @SafeVarargs
    public final MockAmp on(String instanceId, String method, Function<Call, MockResponse>... answers) {
        scripted.put(key(instanceId, method), new ArrayDeque<>(Arrays.asList(answers)));
        return this;
    }

    /** The {@code nth} call from now (1 = the next) to {@code method} answers {@code failure}, once; others answer as usual. */
    public MockAmp failNext(String instanceId, String method, int nth, MockResponse failure) {
        pendingFailures.put(key(instanceId, method), new PendingFailure(new AtomicInteger(nth), failure));
        return this;
    }

    private record PendingFailure(AtomicInteger countdown, MockResponse failure) {
    }

    public MockAmp onJson(String instanceId, String method, String... bodies) {
        List<Function<Call, MockResponse>> answers = new ArrayList<>();
        for (String body : bodies) {
            answers.add(c -> ok(body));
        }
        scripted.put(key(instanceId, method), new ArrayDeque<>(answers));
        return this;
    }

    /** Forgets every session, as AMP does after 5 minutes idle or a restart. */
    public void expireSessions() {
        validSessions.clear();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String instanceId, String method) {
        return calls.stream()
                .filter(c -> c.method().equals(method) && Objects.equals(c.instanceId(), instanceId))
                .toList();
    }

    public long logins() {
        return calls.stream().filter(c -> c.method().equals("Core/Login")).count();
    }

    public static MockResponse ok(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
    }

    public static MockResponse empty() {
        return new MockResponse.Builder().code(200).body("").build();
    }

    public static String fault(String title, String message) {
        ObjectNode n = JSON.createObjectNode().put("Title", title).put("Message", message).put("StackTrace", "");
        return n.toString();
    }

    public static final String SESSION_EXPIRED = fault("Unauthorized Access",
            "You do not have permission to use this method (GSMyAdmin.WebServer.GetStatus) at this time. "
                    + "This method requires the Session.Exists permission.");

    private MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String instanceId = null;
        String rest = path.substring("/API/".length());
        if (rest.startsWith("ADSModule/Servers/")) {
            String[] parts = rest.split("/", 5);
            instanceId = parts[2];
            rest = parts[4];
        }
        JsonNode body = request.getBody() == null || request.getBody().size() == 0
                ? JSON.createObjectNode()
                : JSON.readTree(request.getBody().string(StandardCharsets.UTF_8));
        Call call = new Call(instanceId, rest, body, request.getHeaders());
        calls.add(call);

        PendingFailure pending = pendingFailures.get(key(instanceId, rest));
        if (pending != null && pending.countdown().decrementAndGet() == 0) {
            pendingFailures.remove(key(instanceId, rest));
            return pending.failure();
        }
        Deque<Function<Call, MockResponse>> script = scripted.get(key(instanceId, rest));
        if (script != null && !script.isEmpty()) {
            Function<Call, MockResponse> answer;
            synchronized (script) {
                answer = script.size() > 1 ? script.poll() : script.peek();
            }
            return answer.apply(call);
        }
        if (rest.equals("Core/Login")) {
            return login(call);
        }
        String session = call.text("SESSIONID");
        String bearer = request.getHeaders().get("Authorization");
        if (session == null || !validSessions.contains(session) || !("Bearer " + session).equals(bearer)) {
            return ok(SESSION_EXPIRED);
        }
        return switch (rest) {
            case "Core/GetStatus" -> ok("{\"State\":20,\"Uptime\":\"0:01:02:03\",\"Metrics\":{}}");
            case "Core/Start", "Core/Restart" -> ok("{\"Status\":true,\"Reason\":\"\"}");
            case "Core/Stop" -> empty();
            case "ADSModule/GetInstances" -> ok("[]");
            case "FileManagerPlugin/GetDirectoryListing" -> listing(call.text("Dir"));
            case "FileManagerPlugin/ReadFileChunk" -> readChunk(call);
            case "FileManagerPlugin/WriteFileChunk" -> writeChunk(call);
            case "FileManagerPlugin/RenameFile" -> rename(call);
            case "FileManagerPlugin/TrashFile" -> trash(call);
            default -> ok(fault("Method Not Found", "No such method " + rest));
        };
    }

    private MockResponse login(Call call) {
        if (!USER.equals(call.text("username")) || !PASSWORD.equals(call.text("password"))) {
            return ok("{\"success\":false,\"result\":0,\"resultReason\":\"Incorrect username or password.\",\"sessionID\":\"\"}");
        }
        String session = SESSION_PREFIX + String.format("%012d", sessionCounter.incrementAndGet());
        validSessions.add(session);
        return ok("{\"success\":true,\"result\":10,\"sessionID\":\"" + session + "\",\"rememberMeToken\":\"\",\"permissions\":[\"*\"]}");
    }

    private MockResponse listing(String dir) {
        String prefix = dir == null || dir.isEmpty() ? "" : dir + "/";
        ArrayNode rows = JSON.createArrayNode();
        Set<String> dirs = new TreeSet<>();
        boolean found = prefix.isEmpty();
        synchronized (files) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                if (!e.getKey().startsWith(prefix)) {
                    continue;
                }
                found = true;
                String rest = e.getKey().substring(prefix.length());
                int slash = rest.indexOf('/');
                if (slash >= 0) {
                    dirs.add(rest.substring(0, slash));
                } else {
                    rows.addObject().put("Filename", rest).put("IsDirectory", false).put("SizeBytes", e.getValue().length)
                            .put("Created", "/Date(1722527400266)/").put("Modified", "/Date(1722527400266)/");
                }
            }
        }
        if (!found) {
            return ok(fault("Directory Not Found", "Could not find a part of the path."));
        }
        for (String d : dirs) {
            rows.addObject().put("Filename", d).put("IsDirectory", true).put("SizeBytes", 0);
        }
        return ok(rows.toString());
    }

    private MockResponse readChunk(Call call) {
        byte[] content = files.get(call.text("Filename"));
        if (content == null) {
            return ok("{\"Status\":false,\"Reason\":\"Could not find file '/home/amp/.ampdata/instances/Lab01/Minecraft/" + call.text("Filename") + "'.\"}");
        }
        int offset = call.body().path("Offset").asInt();
        int size = call.body().path("ChunkSize").asInt();
        int end = Math.min(content.length, offset + size);
        byte[] chunk = offset >= content.length ? new byte[0] : Arrays.copyOfRange(content, offset, end);
        fileOps.add("ReadFileChunk " + call.text("Filename") + " @" + offset);
        return ok("{\"Status\":true,\"Result\":\"" + Base64.getEncoder().encodeToString(chunk) + "\"}");
    }

    private MockResponse writeChunk(Call call) {
        String name = call.text("Filename");
        int offset = call.body().path("Offset").asInt();
        byte[] data = Base64.getDecoder().decode(call.text("Data"));
        synchronized (files) {
            byte[] old = offset == 0 ? new byte[0] : files.getOrDefault(name, new byte[0]);
            byte[] merged = Arrays.copyOf(old, Math.max(old.length, offset + data.length));
            System.arraycopy(data, 0, merged, offset, data.length);
            files.put(name, merged);
        }
        fileOps.add("WriteFileChunk " + name + " @" + offset + (call.body().path("FinalChunk").asBoolean() ? " final" : ""));
        return ok("{\"Status\":true,\"Reason\":\"\"}");
    }

    private MockResponse rename(Call call) {
        String from = call.text("Filename");
        String newName = call.text("NewFilename");
        int slash = from.lastIndexOf('/');
        String to = (slash < 0 ? "" : from.substring(0, slash + 1)) + newName;
        synchronized (files) {
            byte[] content = files.remove(from);
            if (content == null) {
                return ok("{\"Status\":false,\"Reason\":\"Source file does not exist\"}");
            }
            files.put(to, content);
        }
        fileOps.add("RenameFile " + from + " -> " + newName);
        return ok("{\"Status\":true,\"Reason\":\"\"}");
    }

    private MockResponse trash(Call call) {
        String name = call.text("Filename");
        if (files.remove(name) == null) {
            return ok("{\"Status\":false,\"Reason\":\"File does not exist\"}");
        }
        fileOps.add("TrashFile " + name);
        return ok("{\"Status\":true,\"Reason\":\"\"}");
    }

    private static String key(String instanceId, String method) {
        return (instanceId == null ? "" : instanceId + ":") + method;
    }

    @Override
    public void close() {
        server.close();
    }
}
