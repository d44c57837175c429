package org.homeamp.updates.sources;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.homeamp.updates.registry.Channel;
import org.homeamp.updates.registry.RegistryEntry;
import org.homeamp.updates.registry.SourceType;
import tools.jackson.databind.JsonNode;

/**
 * GitHub Releases (research/update-sources.md §4): {@code GET /repos/{owner}/{repo}/releases} (the
 * newest 30, so pre-releases are seen too; {@code /releases/latest} would hide them). Drafts are
 * skipped; pre-releases are the beta channel. The asset is chosen by the entry's regex; the asset's
 * {@code digest} ({@code sha256:<hex>}, present for uploads since mid-2025) is the checksum. The token,
 * if configured, is added by {@link SourceHttp} for the GitHub host only.
 */
public final class GitHubSource implements UpdateSource {
    private static final Map<String, String> HEADERS = Map.of(
            "Accept", "application/vnd.github+json",
            "X-GitHub-Api-Version", "2022-11-28");

    private final SourceHttp http;
    private final String baseUrl;

    public GitHubSource(SourceHttp http, String baseUrl) {
        this.http = http;
        this.baseUrl = Json.trimSlash(baseUrl);
    }

    @Override
    public SourceType type() {
        return SourceType.GITHUB;
    }

    @Override
    public List<Candidate> candidates(RegistryEntry entry, InstalledJar installed) throws SourceException {
        String url = baseUrl + "/repos/" + entry.project() + "/releases?per_page=30";
        JsonNode releases = Json.read(http.get(url, HEADERS), "a list of releases");
        if (!releases.isArray()) {
            throw new SourceException.Malformed(url + " answered something other than a list of releases", null);
        }
        List<Candidate> candidates = new ArrayList<>();
        for (JsonNode release : releases.values()) {
            if (release.path("draft").asBoolean(false)) {
                continue;
            }
            List<JsonNode> assets = new ArrayList<>();
            release.path("assets").values().forEach(assets::add);
            JsonNode asset = Assets.choose(assets, a -> Json.text(a, "name"), entry);
            if (asset == null) {
                continue;
            }
            String digest = Json.text(asset, "digest");
            Map<HashAlgorithm, String> hashes = digest != null && digest.toLowerCase(Locale.ROOT).startsWith("sha256:")
                    ? Map.of(HashAlgorithm.SHA256, digest.substring("sha256:".length()))
                    : Map.of();
            candidates.add(new Candidate(
                    Json.text(release, "tag_name"),
                    release.path("prerelease").asBoolean(false) ? Channel.BETA : Channel.RELEASE,
                    Json.instant(release, "published_at") != null ? Json.instant(release, "published_at")
                            : Json.instant(release, "created_at"),
                    Json.text(asset, "browser_download_url"),
                    Json.text(asset, "name"),
                    asset.path("size").asLong(-1),
                    hashes,
                    Json.text(release, "html_url"),
                    -1));
        }
        return candidates;
    }
}
