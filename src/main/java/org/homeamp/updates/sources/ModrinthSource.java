package org.homeamp.updates.sources;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.homeamp.updates.registry.Channel;
import org.homeamp.updates.registry.RegistryEntry;
import org.homeamp.updates.registry.SourceType;
import tools.jackson.databind.JsonNode;

/**
 * Modrinth API v2 (research/update-sources.md §1): {@code GET /project/{id}/version} filtered by loader
 * and not by game version (a plugin for 1.21 usually runs on 1.21.x and Modrinth's game version lists
 * lag behind), plus a lookup of the installed jar by its hash ({@code GET /version_file/{hash}}) so that
 * the installed version is known even when it is not among the listed ones. Files carry sha1 and sha512.
 */
public final class ModrinthSource implements UpdateSource {
    /** Loaders a Paper server can run: Paper plugins and plain Bukkit/Spigot plugins. */
    private static final List<String> PAPER_LOADERS = List.of("paper", "spigot", "bukkit", "purpur", "folia");

    /** A jar's bytes never change, so an unknown hash stays unknown; re-asked weekly in case it was published late. */
    private static final Duration REMEMBER_UNKNOWN_HASH = Duration.ofDays(7);

    private final SourceHttp http;
    private final String baseUrl;

    public ModrinthSource(SourceHttp http, String baseUrl) {
        this.http = http;
        this.baseUrl = Json.trimSlash(baseUrl);
    }

    @Override
    public SourceType type() {
        return SourceType.MODRINTH;
    }

    @Override
    public List<Candidate> candidates(RegistryEntry entry, InstalledJar installed) throws SourceException {
        String url = baseUrl + "/project/" + encode(entry.project()) + "/version?loaders="
                + encode(Json.json(loaders(entry.platform()))) + "&include_changelog=false";
        JsonNode versions = Json.read(http.get(url), "a list of versions");
        if (!versions.isArray()) {
            throw new SourceException.Malformed(url + " answered something other than a list of versions", null);
        }
        List<Candidate> candidates = new ArrayList<>();
        for (JsonNode version : versions.values()) {
            Candidate candidate = candidate(version, entry);
            if (candidate != null) {
                candidates.add(candidate);
            }
        }
        if (installed != null && candidates.stream().noneMatch(c -> c.isFileOf(installed))) {
            Candidate identified = identify(installed, entry);
            if (identified != null) {
                candidates.add(identified);
            }
        }
        return candidates;
    }

    /**
     * The published version whose file is the installed jar ({@code GET /version_file/{hash}}), or
     * {@code null} when Modrinth does not know the hash.
     */
    public Candidate identify(InstalledJar installed, RegistryEntry entry) throws SourceException {
        String algorithm = installed.sha512() != null ? "sha512" : installed.sha1() != null ? "sha1" : null;
        if (algorithm == null) {
            return null;
        }
        String hash = algorithm.equals("sha512") ? installed.sha512() : installed.sha1();
        Optional<SourceHttp.Answer> answer = http.getIfExists(baseUrl + "/version_file/" + hash + "?algorithm=" + algorithm,
                REMEMBER_UNKNOWN_HASH);
        return answer.isEmpty() ? null : candidateWithFile(Json.read(answer.get(), "a version"), entry, hash);
    }

    /**
     * Bulk lookup of installed jars by sha512 ({@code POST /version_files}): hash → the project id and the
     * published version containing that file. Unknown hashes are left out. Used by {@code registry identify}.
     */
    public Map<String, Identified> identifyAll(List<String> sha512s) throws SourceException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hashes", sha512s);
        body.put("algorithm", "sha512");
        String url = baseUrl + "/version_files";
        JsonNode answer = Json.read(http.postJson(url, Json.json(body)), "a map of hash to version");
        if (!answer.isObject()) {
            throw new SourceException.Malformed(url + " answered something other than a map of hashes", null);
        }
        Map<String, Identified> found = new LinkedHashMap<>();
        for (String hash : sha512s) {
            JsonNode version = answer.get(hash);
            if (version != null && version.isObject()) {
                RegistryEntry any = RegistryEntry.of("?", SourceType.MODRINTH, Json.text(version, "project_id"));
                found.put(hash, new Identified(Json.text(version, "project_id"), candidateWithFile(version, any, hash)));
            }
        }
        return found;
    }

    /** A jar Modrinth recognised: its project and the version it belongs to. */
    public record Identified(String projectId, Candidate version) {
    }

    private Candidate candidate(JsonNode version, RegistryEntry entry) {
        String status = Json.text(version, "status");
        if (status != null && !status.equals("listed")) {
            return null;
        }
        List<JsonNode> files = new ArrayList<>();
        JsonNode primary = null;
        for (JsonNode file : version.path("files").values()) {
            String fileType = Json.text(file, "file_type");
            if (fileType != null && !fileType.equals("unknown")) {
                continue;
            }
            files.add(file);
            if (file.path("primary").asBoolean(false)) {
                primary = file;
            }
        }
        JsonNode chosen;
        if (entry.asset() == null && primary != null && Assets.choose(List.of(primary), f -> Json.text(f, "filename"), entry) != null) {
            chosen = primary;
        } else {
            chosen = Assets.choose(files, f -> Json.text(f, "filename"), entry);
        }
        return chosen == null ? null : toCandidate(version, chosen);
    }

    private Candidate candidateWithFile(JsonNode version, RegistryEntry entry, String hash) {
        for (JsonNode file : version.path("files").values()) {
            JsonNode hashes = file.path("hashes");
            if (hash.equalsIgnoreCase(Objects.toString(Json.text(hashes, "sha512"), ""))
                    || hash.equalsIgnoreCase(Objects.toString(Json.text(hashes, "sha1"), ""))) {
                return toCandidate(version, file);
            }
        }
        return candidate(version, entry);
    }

    private Candidate toCandidate(JsonNode version, JsonNode file) {
        Map<HashAlgorithm, String> hashes = new EnumMap<>(HashAlgorithm.class);
        JsonNode published = file.path("hashes");
        hashes.put(HashAlgorithm.SHA512, Json.text(published, "sha512"));
        hashes.put(HashAlgorithm.SHA1, Json.text(published, "sha1"));
        hashes.values().removeIf(Objects::isNull);
        String projectId = Json.text(version, "project_id");
        String versionId = Json.text(version, "id");
        return new Candidate(
                Json.text(version, "version_number"),
                channel(Json.text(version, "version_type")),
                Json.instant(version, "date_published"),
                Json.text(file, "url"),
                Json.text(file, "filename"),
                file.path("size").asLong(-1),
                hashes,
                projectId == null || versionId == null ? null
                        : "https://modrinth.com/project/" + projectId + "/version/" + versionId,
                -1);
    }

    private static Channel channel(String versionType) {
        if (versionType == null) {
            return Channel.RELEASE;
        }
        return switch (versionType.toLowerCase(Locale.ROOT)) {
            case "beta" -> Channel.BETA;
            case "alpha" -> Channel.ALPHA;
            default -> Channel.RELEASE;
        };
    }

    private static List<String> loaders(String platform) {
        if (platform == null || platform.isBlank() || platform.equalsIgnoreCase("paper")) {
            return PAPER_LOADERS;
        }
        return List.of(platform.toLowerCase(Locale.ROOT));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
