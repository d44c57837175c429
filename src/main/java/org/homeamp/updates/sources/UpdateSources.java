package org.homeamp.updates.sources;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.homeamp.config.HomeAmpSettings.SourceSettings;
import org.homeamp.config.HomeAmpSettings.SourcesSettings;
import org.homeamp.updates.registry.SourceType;

/**
 * Builds the {@link SourceHttp} and every {@link UpdateSource} from the {@code sources} settings
 * (SPEC §4), with the per-host limits of the public registries and the GitHub token read from the
 * environment variable the settings name.
 */
public final class UpdateSources {
    private final Map<SourceType, UpdateSource> sources;

    private UpdateSources(Map<SourceType, UpdateSource> sources) {
        this.sources = sources;
    }

    /**
     * The HTTP stack for these settings.
     *
     * @param environment reads environment variables ({@code System::getenv} in production)
     */
    public static SourceHttp http(SourcesSettings settings, HttpCache cache, Function<String, String> environment) {
        SourceHttp.Builder builder = SourceHttp.builder(settings.userAgent()).cache(cache);
        // The documented limits belong to the public services' own hosts, whatever base-url is configured:
        // a mirror, a proxy or the demo's simulator (one loopback port for every source) gets the default
        // limit, not GitHub's 60 anonymous requests an hour for all sources together (D-U12).
        builder.limit("api.modrinth.com", HostLimit.MODRINTH);
        builder.limit("hangar.papermc.io", HostLimit.HANGAR);
        builder.limit("api.spiget.org", HostLimit.SPIGET);
        SourceSettings github = settings.byName().get("github");
        String tokenEnv = github == null ? null : github.tokenEnv();
        String token = tokenEnv == null ? null : environment.apply(tokenEnv);
        boolean hasToken = token != null && !token.isBlank();
        builder.limit("api.github.com", hasToken ? HostLimit.GITHUB_TOKEN : HostLimit.GITHUB_ANONYMOUS);
        // A mirror or self-hosted source with a limit of its own in homeamp.yml: registered for its host:port
        // (more specific than a host name, so it wins over a public host's limit only for that port).
        settings.byName().values().forEach(source -> configuredLimit(source).ifPresent(limit -> {
            okhttp3.HttpUrl url = okhttp3.HttpUrl.parse(source.baseUrl());
            builder.limit(url.host().toLowerCase(java.util.Locale.ROOT) + ":" + url.port(), limit);
        }));
        builder.bearerToken(github == null || github.baseUrl() == null ? "https://api.github.com" : github.baseUrl(), token);
        return builder.build();
    }

    /** The limit homeamp.yml sets for a source's base URL; a part not set is the default limit's. */
    static Optional<HostLimit> configuredLimit(SourceSettings source) {
        if (source.baseUrl() == null || (source.maxConcurrent() == null && source.requestsPerMinute() == null)
                || okhttp3.HttpUrl.parse(source.baseUrl()) == null) {
            return Optional.empty();
        }
        int concurrent = source.maxConcurrent() != null ? source.maxConcurrent() : HostLimit.DEFAULT.maxConcurrent();
        return Optional.of(source.requestsPerMinute() != null
                ? new HostLimit(concurrent, source.requestsPerMinute(), java.time.Duration.ofMinutes(1))
                : new HostLimit(concurrent, HostLimit.DEFAULT.requestsPerWindow(), HostLimit.DEFAULT.window()));
    }

    /** One source per registry {@code source} value, all sharing {@code http}. */
    public static UpdateSources create(SourcesSettings settings, SourceHttp http) {
        Map<SourceType, UpdateSource> sources = new EnumMap<>(SourceType.class);
        sources.put(SourceType.MODRINTH, new ModrinthSource(http, baseUrl(settings, "modrinth", "https://api.modrinth.com/v2")));
        sources.put(SourceType.HANGAR, new HangarSource(http, baseUrl(settings, "hangar", "https://hangar.papermc.io/api/v1")));
        sources.put(SourceType.SPIGOT, new SpigetSource(http, baseUrl(settings, "spiget", "https://api.spiget.org/v2")));
        sources.put(SourceType.GITHUB, new GitHubSource(http, baseUrl(settings, "github", "https://api.github.com")));
        sources.put(SourceType.JENKINS, new JenkinsSource(http, baseUrl(settings, "jenkins", null)));
        sources.put(SourceType.URL, new UrlSource(http));
        sources.put(SourceType.MANUAL, new ManualSource());
        return new UpdateSources(sources);
    }

    /** The source for a registry {@code source} value. */
    public Optional<UpdateSource> forType(SourceType type) {
        return Optional.ofNullable(sources.get(type));
    }

    private static String baseUrl(SourcesSettings settings, String name, String fallback) {
        SourceSettings source = settings.byName().get(name);
        return source == null || source.baseUrl() == null ? fallback : source.baseUrl();
    }
}
