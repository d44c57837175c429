package org.homeamp.demo.updatesim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.homeamp.updates.registry.SourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's update source, in-process on loopback (JDK HttpServer, like the AMP simulator): answers in
 * the real wire formats of Modrinth ({@code /modrinth/v2}: project versions, {@code version_file/{hash}},
 * {@code POST version_files}), GitHub releases ({@code /github}), Hangar ({@code /hangar/api/v1}), Spiget
 * ({@code /spiget/v2}: resource, latest version, download; no checksums, as the real one) and Jenkins
 * ({@code /jenkins}: last successful build), and serves the published jars under {@code /files/}. API answers carry an ETag and a Last-Modified and
 * answer a matching {@code If-None-Match} with 304, so a second night is (almost) all 304s. It can play
 * {@linkplain SimulatedFaults faults}: a 429 with {@code Retry-After} first for every URL, or seeded HTTP 500s.
 */
public final class UpdateSourceSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UpdateSourceSimulator.class);
    /** Keys sorted: Map.of's order differs between JVM runs, and a reordered body would change the ETag. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    /** Every demo version is "published" at a fixed time, so answers (and their ETags) never change. */
    private static final Instant PUBLISHED = Instant.parse("2026-11-01T10:00:00Z");
    private static final String LAST_MODIFIED = DateTimeFormatter.RFC_1123_DATE_TIME.format(PUBLISHED.atOffset(ZoneOffset.UTC));

    private final HttpServer server;
    private final List<PublishedProject> projects;
    private final Map<String, Hashed> bySha512 = new LinkedHashMap<>();
    private final Map<String, Hashed> bySha1 = new LinkedHashMap<>();

    private record Hashed(PublishedProject project, PublishedVersion version, String sha1, String sha256, String sha512) {
    }

    private final Map<PublishedVersion, Hashed> hashes = new LinkedHashMap<>();
    private final FaultPlayer faults = new FaultPlayer();

    private UpdateSourceSimulator(HttpServer server, List<PublishedProject> projects) {
        this.server = server;
        this.projects = List.copyOf(projects);
        for (PublishedProject p : projects) {
            for (PublishedVersion v : p.versions()) {
                Hashed h = new Hashed(p, v, hex("SHA-1", v.jar()), hex("SHA-256", v.jar()), hex("SHA-512", v.jar()));
                hashes.put(v, h);
                bySha512.put(h.sha512(), h);
                bySha1.put(h.sha1(), h);
            }
        }
    }

    /**
     * Starts the simulator on loopback.
     *
     * @param port the port, 0 for a free one
     * @throws java.net.BindException when the port is taken
     */
    public static UpdateSourceSimulator start(int port, List<PublishedProject> projects) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        UpdateSourceSimulator sim = new UpdateSourceSimulator(server, projects);
        server.createContext("/", sim::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "update-source-sim");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        log.debug("simulated update source on {}", sim.baseUrl());
        return sim;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        if (server.getExecutor() instanceof java.util.concurrent.ExecutorService ex) {
            ex.shutdownNow();
        }
    }

    /** Plays {@code mode} from now on; every URL counts as not asked yet. */
    public void faults(SimulatedFaults mode) {
        faults.play(mode);
    }

    /** How many requests were answered with a fault (429 or 500) so far. */
    public long faultsServed() {
        return faults.served();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (faults.answered(exchange)) {
                return;
            }
            if (path.startsWith("/files/")) {
                serveFile(exchange, path);
                return;
            }
            if (path.startsWith("/spiget/v2/resources/") && path.endsWith("/download")) {
                PublishedProject p = find(SourceType.SPIGOT, path.split("/")[4]);
                if (p != null && !p.versions().isEmpty()) {
                    serveFile(exchange, "/files/" + id(hashes.get(newestFirst(p).get(0))) + "/download");
                    return;
                }
            }
            Object answer = route(exchange, path);
            if (answer == null) {
                send(exchange, 404, "application/json", "{\"error\":\"not_found\"}".getBytes(StandardCharsets.UTF_8), null);
                return;
            }
            byte[] body = JSON.writeValueAsBytes(answer);
            String etag = "\"" + hex("SHA-1", body).substring(0, 16) + "\"";
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.getResponseHeaders().set("ETag", etag);
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            send(exchange, 200, "application/json", body, etag);
        }
    }

    private Object route(HttpExchange exchange, String path) throws IOException {
        String[] parts = path.split("/");
        if (path.startsWith("/modrinth/v2/")) {
            return modrinth(exchange, path, parts);
        }
        // /github/repos/{owner}/{repo}/releases
        if (path.startsWith("/github/repos/") && parts.length == 6 && parts[5].equals("releases")) {
            return githubReleases(exchange, parts[3] + "/" + parts[4]);
        }
        if (path.startsWith("/spiget/v2/resources/")) {
            return spiget(path, parts);
        }
        // /jenkins/job/{name}/lastSuccessfulBuild/api/json
        if (path.startsWith("/jenkins/job/") && parts.length == 7 && path.endsWith("/lastSuccessfulBuild/api/json")) {
            return jenkinsBuild(exchange, parts[3]);
        }
        // /hangar/api/v1/projects/{owner}/{slug}/versions
        if (path.startsWith("/hangar/api/v1/projects/") && parts.length == 8 && parts[7].equals("versions")) {
            PublishedProject p = find(SourceType.HANGAR, parts[5] + "/" + parts[6]);
            if (p == null) {
                return null;
            }
            List<Map<String, Object>> result = newestFirst(p).stream().map(v -> hangarVersion(exchange, hashes.get(v))).toList();
            return Map.of("pagination", Map.of("count", result.size(), "limit", 25, "offset", 0), "result", result);
        }
        return null;
    }

    /** {@code /modrinth/v2}: a project's versions, {@code version_file/{hash}}, {@code POST version_files}. */
    private Object modrinth(HttpExchange exchange, String path, String[] parts) throws IOException {
        if (path.startsWith("/modrinth/v2/project/") && parts.length == 6 && parts[5].equals("version")) {
            PublishedProject p = find(SourceType.MODRINTH, parts[4]);
            return p == null ? null : newestFirst(p).stream().map(v -> modrinthVersion(exchange, hashes.get(v))).toList();
        }
        if (path.startsWith("/modrinth/v2/version_file/") && parts.length == 5) {
            Hashed h = bySha512.containsKey(parts[4]) ? bySha512.get(parts[4]) : bySha1.get(parts[4]);
            return h == null ? null : modrinthVersion(exchange, h);
        }
        if (path.equals("/modrinth/v2/version_files") && exchange.getRequestMethod().equals("POST")) {
            JsonNode request;
            try (InputStream in = exchange.getRequestBody()) {
                request = JSON.readTree(in.readAllBytes());
            }
            Map<String, Object> found = new LinkedHashMap<>();
            for (JsonNode hash : request.path("hashes").values()) {
                Hashed h = bySha512.get(hash.asString());
                if (h != null) {
                    found.put(hash.asString(), modrinthVersion(exchange, h));
                }
            }
            return found;
        }
        return null;
    }

    /**
     * A repository's releases. Several registry entries can name one repository (EssentialsX publishes
     * Essentials, EssentialsChat and EssentialsSpawn as assets of the same release), so every project of
     * that repository contributes its file to the release of its version, as on GitHub.
     */
    private Object githubReleases(HttpExchange exchange, String repository) {
        Map<String, List<Hashed>> byTag = new LinkedHashMap<>();
        for (PublishedProject p : projects) {
            if (p.source() == SourceType.GITHUB && p.project().equalsIgnoreCase(repository)) {
                newestFirst(p).forEach(v -> byTag.computeIfAbsent(v.version(), tag -> new ArrayList<>()).add(hashes.get(v)));
            }
        }
        return byTag.isEmpty() ? null : byTag.values().stream().map(release -> githubRelease(exchange, release)).toList();
    }

    /** {@code /spiget/v2/resources/{id}} and {@code .../versions/latest}; no checksums, as the real one. */
    private Object spiget(String path, String[] parts) {
        if (!(parts.length == 5 || parts.length == 7 && path.endsWith("/versions/latest"))) {
            return null;
        }
        PublishedProject p = find(SourceType.SPIGOT, parts[4]);
        if (p == null || p.versions().isEmpty()) {
            return null;
        }
        Hashed newest = hashes.get(newestFirst(p).get(0));
        if (parts.length == 7) {
            return Map.of("id", 1, "name", newest.version().version(), "releaseDate", PUBLISHED.getEpochSecond());
        }
        return Map.of("id", Integer.parseInt(parts[4]), "name", p.plugin(), "premium", false, "external", false,
                "file", Map.of("type", ".jar", "size", Math.max(1, newest.version().jar().length / 1024), "sizeUnit", "KB",
                        "url", "resources/" + parts[4] + "/download"));
    }

    /** A Jenkins job's last successful build; its url points into /files/, where the artifact URL Jenkins clients build is served. */
    private Object jenkinsBuild(HttpExchange exchange, String job) {
        PublishedProject p = find(SourceType.JENKINS, job);
        if (p == null || p.versions().isEmpty()) {
            return null;
        }
        Hashed newest = hashes.get(newestFirst(p).get(0));
        String host = exchange.getRequestHeaders().getFirst("Host");
        return Map.of("number", 100 + p.versions().size(), "url", "http://" + host + "/files/" + id(newest) + "/",
                "timestamp", PUBLISHED.toEpochMilli(), "result", "SUCCESS",
                "artifacts", List.of(Map.of("fileName", newest.version().fileName(), "relativePath", newest.version().fileName())));
    }

    private PublishedProject find(SourceType source, String project) {
        return projects.stream().filter(p -> p.source() == source && p.project().equalsIgnoreCase(project)).findFirst().orElse(null);
    }

    private Map<String, Object> modrinthVersion(HttpExchange exchange, Hashed h) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("hashes", Map.of("sha1", h.sha1(), "sha512", h.sha512()));
        file.put("url", fileUrl(exchange, h));
        file.put("filename", h.version().fileName());
        file.put("primary", true);
        file.put("size", h.version().jar().length);
        file.put("file_type", null);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id(h));
        v.put("project_id", h.project().project());
        v.put("name", h.project().plugin() + " " + h.version().version());
        v.put("version_number", h.version().version());
        v.put("version_type", h.version().channel().key());
        v.put("status", "listed");
        v.put("loaders", List.of("paper", "spigot", "bukkit"));
        v.put("date_published", PUBLISHED.toString());
        v.put("files", List.of(file));
        return v;
    }

    /** One release with the files of every project published under its tag; a pre-release when any of them is not a release. */
    private Map<String, Object> githubRelease(HttpExchange exchange, List<Hashed> files) {
        Hashed first = files.get(0);
        List<Map<String, Object>> assets = new ArrayList<>();
        for (Hashed h : files) {
            Map<String, Object> asset = new LinkedHashMap<>();
            asset.put("name", h.version().fileName());
            asset.put("size", h.version().jar().length);
            asset.put("digest", "sha256:" + h.sha256());
            asset.put("browser_download_url", fileUrl(exchange, h));
            assets.add(asset);
        }
        boolean prerelease = files.stream().anyMatch(h -> !h.version().channel().key().equals("release"));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("tag_name", first.version().version());
        r.put("name", first.version().version());
        r.put("draft", false);
        r.put("prerelease", prerelease);
        r.put("published_at", PUBLISHED.toString());
        r.put("html_url", "https://github.com/" + first.project().project() + "/releases/tag/" + first.version().version());
        r.put("assets", assets);
        return r;
    }

    private Map<String, Object> hangarVersion(HttpExchange exchange, Hashed h) {
        Map<String, Object> fileInfo = Map.of("name", h.version().fileName(), "sizeBytes", h.version().jar().length, "sha256Hash", h.sha256());
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", h.version().version());
        v.put("createdAt", PUBLISHED.toString());
        v.put("channel", Map.of("name", h.version().channel().key().equals("release") ? "Release" : "Beta"));
        v.put("downloads", Map.of("PAPER", Map.of("fileInfo", fileInfo, "downloadUrl", fileUrl(exchange, h))));
        return v;
    }

    private String fileUrl(HttpExchange exchange, Hashed h) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return "http://" + (host == null ? baseUrl().substring("http://".length()) : host) + "/files/" + id(h) + "/" + h.version().fileName();
    }

    private static String id(Hashed h) {
        return h.sha256().substring(0, 12);
    }

    private void serveFile(HttpExchange exchange, String path) throws IOException {
        String[] parts = path.split("/");
        Hashed h = parts.length >= 4 ? hashes.values().stream().filter(x -> id(x).equals(parts[2])).findFirst().orElse(null) : null;
        if (h == null) {
            send(exchange, 404, "text/plain", "no such file".getBytes(StandardCharsets.UTF_8), null);
            return;
        }
        byte[] bytes = h.version().jar();
        if (h.version().corrupt()) {
            // what a broken mirror or a tampered file looks like: same size, other bytes
            bytes = bytes.clone();
            bytes[bytes.length / 2] ^= 0x5A;
        }
        send(exchange, 200, "application/java-archive", bytes, null);
    }

    static void send(HttpExchange exchange, int code, String type, byte[] body, String etag) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        if (etag != null) {
            exchange.getResponseHeaders().set("ETag", etag);
            exchange.getResponseHeaders().set("Last-Modified", LAST_MODIFIED);
        }
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }

    /** For log lines and tests: how many projects are published, by source. */
    public Map<SourceType, Long> projectsBySource() {
        Map<SourceType, Long> out = new LinkedHashMap<>();
        projects.forEach(p -> out.merge(p.source(), 1L, Long::sum));
        return out;
    }

    private static List<PublishedVersion> newestFirst(PublishedProject p) {
        List<PublishedVersion> out = new ArrayList<>(p.versions());
        java.util.Collections.reverse(out);
        return out;
    }
}
