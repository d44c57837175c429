package org.homeamp.updates.sources;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.homeamp.updates.registry.Channel;
import org.homeamp.updates.registry.RegistryEntry;
import org.homeamp.updates.registry.SourceType;
import tools.jackson.databind.JsonNode;

/**
 * SpigotMC through Spiget (research/update-sources.md §2): the resource's details say whether it is
 * premium or external (both reported as {@link SourceException.Refused}, never fetched), and
 * {@code /resources/{id}/versions/latest} names the newest version by release date. Spiget publishes no
 * checksum and no exact size, so its candidates are UNVERIFIED; the file is Spiget's CDN copy of the
 * current version ({@code /resources/{id}/download}).
 */
public final class SpigetSource implements UpdateSource {
    private final SourceHttp http;
    private final String baseUrl;

    public SpigetSource(SourceHttp http, String baseUrl) {
        this.http = http;
        this.baseUrl = Json.trimSlash(baseUrl);
    }

    @Override
    public SourceType type() {
        return SourceType.SPIGOT;
    }

    @Override
    public List<Candidate> candidates(RegistryEntry entry, InstalledJar installed) throws SourceException {
        String resourceUrl = baseUrl + "/resources/" + entry.project();
        JsonNode resource = Json.read(http.get(resourceUrl), "a resource");
        if (!resource.isObject() || !resource.has("id")) {
            throw new SourceException.Malformed(resourceUrl + " answered without a resource id", null);
        }
        String spigotPage = "https://www.spigotmc.org/resources/" + entry.project() + "/";
        if (resource.path("premium").asBoolean(false)) {
            throw new SourceException.Refused("SpigotMC resource " + entry.project() + " is premium: tools cannot "
                    + "download it; update it by hand from " + spigotPage + " or set source: manual");
        }
        JsonNode file = resource.path("file");
        if (resource.path("external").asBoolean(false) || "external".equals(Json.text(file, "type"))) {
            String external = Json.text(file, "externalUrl");
            throw new SourceException.Refused("SpigotMC resource " + entry.project() + " is hosted elsewhere ("
                    + (external == null ? "no link given" : external) + "): point the registry entry at that source");
        }
        String latestUrl = resourceUrl + "/versions/latest";
        JsonNode latest = Json.read(http.get(latestUrl), "a resource version");
        String name = Json.text(latest, "name");
        if (name == null) {
            throw new SourceException.Malformed(latestUrl + " answered without a version name", null);
        }
        long releaseDate = latest.path("releaseDate").asLong(0);
        String type = Json.text(file, "type");
        String extension = type != null && type.startsWith(".") ? type : ".jar";
        String fileName = entry.name() + "-" + name.replaceAll("[^A-Za-z0-9._+-]", "_") + extension;
        return List.of(new Candidate(name, Channel.RELEASE, releaseDate > 0 ? Instant.ofEpochSecond(releaseDate) : null,
                resourceUrl + "/download", fileName, -1, Map.of(), spigotPage + "updates", -1));
    }
}
