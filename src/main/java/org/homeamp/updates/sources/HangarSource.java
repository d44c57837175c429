package org.homeamp.updates.sources;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.homeamp.updates.registry.Channel;
import org.homeamp.updates.registry.RegistryEntry;
import org.homeamp.updates.registry.SourceType;
import tools.jackson.databind.JsonNode;

/**
 * Hangar (research/update-sources.md §3): {@code GET /projects/{owner}/{slug}/versions?platform=PAPER}
 * (the newest 25, Hangar's page maximum); the file for the platform is in
 * {@code downloads.PAPER.fileInfo} with its SHA-256. Externally hosted files have no checksum.
 * Hangar channels are free-form names: {@code Release} is a release, names with beta/pre/rc are betas,
 * anything else (Snapshot, Alpha, Dev...) counts as alpha.
 */
public final class HangarSource implements UpdateSource {
    private static final int PAGE = 25;

    private final SourceHttp http;
    private final String baseUrl;

    public HangarSource(SourceHttp http, String baseUrl) {
        this.http = http;
        this.baseUrl = Json.trimSlash(baseUrl);
    }

    @Override
    public SourceType type() {
        return SourceType.HANGAR;
    }

    @Override
    public List<Candidate> candidates(RegistryEntry entry, InstalledJar installed) throws SourceException {
        String platform = (entry.platform() == null ? "paper" : entry.platform()).toUpperCase(Locale.ROOT);
        String[] ownerSlug = entry.project().split("/", 2);
        String url = baseUrl + "/projects/" + encode(ownerSlug[0]) + "/" + encode(ownerSlug[1]) + "/versions?limit=" + PAGE
                + "&offset=0&platform=" + platform;
        JsonNode page = Json.read(http.get(url), "a page of versions");
        JsonNode result = page.get("result");
        if (result == null || !result.isArray()) {
            throw new SourceException.Malformed(url + " answered without a 'result' list of versions", null);
        }
        List<Candidate> candidates = new ArrayList<>();
        for (JsonNode version : result.values()) {
            JsonNode download = version.path("downloads").path(platform);
            if (download.isMissingNode() || download.isNull()) {
                continue;
            }
            String name = Json.text(version, "name");
            JsonNode fileInfo = download.path("fileInfo");
            String fileName = Json.text(fileInfo, "name");
            if (fileName != null && Assets.choose(List.of(fileName), f -> f, entry) == null) {
                continue;
            }
            String fileUrl = Json.text(download, "downloadUrl");
            if (fileUrl == null) {
                fileUrl = Json.text(download, "externalUrl");
            }
            String sha256 = Json.text(fileInfo, "sha256Hash");
            candidates.add(new Candidate(name, channel(Json.text(version.path("channel"), "name")),
                    Json.instant(version, "createdAt"), fileUrl, fileName, fileInfo.path("sizeBytes").asLong(-1),
                    sha256 == null ? Map.of() : Map.of(HashAlgorithm.SHA256, sha256),
                    "https://hangar.papermc.io/" + ownerSlug[0] + "/" + ownerSlug[1] + "/versions/" + name, -1));
        }
        return candidates;
    }

    static Channel channel(String name) {
        String lower = name == null ? "release" : name.toLowerCase(Locale.ROOT);
        if (lower.equals("release") || lower.equals("stable")) {
            return Channel.RELEASE;
        }
        if (lower.contains("beta") || lower.contains("pre") || lower.contains("rc")) {
            return Channel.BETA;
        }
        return Channel.ALPHA;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
