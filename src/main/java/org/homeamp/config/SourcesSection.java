package org.homeamp.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.homeamp.config.HomeAmpSettings.SourceSettings;
import org.homeamp.config.HomeAmpSettings.SourcesSettings;

/** {@code homeamp.sources}: base URLs of the update sources (overridable for mirrors and tests) and the user agent. */
final class SourcesSection {
    private static final List<String> SOURCES_KEYS = List.of("modrinth", "hangar", "spiget", "github", "jenkins",
            "user-agent");
    private static final List<String> SOURCE_KEYS = List.of("base-url", "max-concurrent", "requests-per-minute");
    private static final List<String> GITHUB_KEYS = List.of("base-url", "token-env", "max-concurrent", "requests-per-minute");
    /** Base URLs of the public update sources; jenkins has none, each Jenkins is somebody's own. */
    private static final Map<String, String> DEFAULT_SOURCE_URLS = defaultSourceUrls();
    static final String DEFAULT_GITHUB_TOKEN_ENV = "HOMEAMP_GITHUB_TOKEN";
    static final String DEFAULT_USER_AGENT = "homeamp-config-manager/${version} (ops@example.org)";

    private final String toolVersion;

    SourcesSection(String toolVersion) {
        this.toolVersion = toolVersion;
    }

    SourcesSettings sources(ConfigMap homeamp) {
        ConfigMap sources = homeamp.map("sources", SOURCES_KEYS, "{modrinth: {base-url: https://api.modrinth.com/v2}}");
        Map<String, SourceSettings> byName = new LinkedHashMap<>();
        for (String source : List.of("modrinth", "hangar", "spiget", "github", "jenkins")) {
            SourceSettings settings = source(sources, source);
            if (settings != null) {
                byName.put(source, settings);
            }
        }
        String userAgent = sources == null ? null : sources.string("user-agent", "\"" + DEFAULT_USER_AGENT + "\"");
        if (userAgent == null || userAgent.isBlank()) {
            userAgent = DEFAULT_USER_AGENT;
        }
        return new SourcesSettings(Map.copyOf(byName), userAgent.replace("${version}", toolVersion));
    }

    private SourceSettings source(ConfigMap sources, String source) {
        String defaultUrl = DEFAULT_SOURCE_URLS.get(source);
        String defaultTokenEnv = source.equals("github") ? DEFAULT_GITHUB_TOKEN_ENV : null;
        ConfigMap settings = sources == null ? null : sources.map(source,
                source.equals("github") ? GITHUB_KEYS : SOURCE_KEYS,
                "{ base-url: " + (defaultUrl == null ? "https://ci.example.org" : defaultUrl) + " }");
        if (settings == null) {
            return defaultUrl == null ? null : new SourceSettings(defaultUrl, defaultTokenEnv);
        }
        String baseUrl = defaultUrl;
        if (settings.has("base-url")) {
            URI uri = ConfigPaths.httpUrl(settings, "base-url", defaultUrl == null ? "https://ci.example.org" : defaultUrl, false);
            baseUrl = uri == null ? null : uri.toString();
        } else if (defaultUrl == null) {
            settings.missing("base-url", "https://ci.example.org");
        }
        String tokenEnv = defaultTokenEnv;
        if (settings.has("token-env")) {
            tokenEnv = settings.string("token-env", DEFAULT_GITHUB_TOKEN_ENV);
            if (tokenEnv != null && !ServersSection.ANY_ENV_NAME.matcher(tokenEnv.strip()).matches()) {
                settings.problem("token-env", null, "is not the name of an environment variable",
                        "write the variable's name, e.g. token-env: " + DEFAULT_GITHUB_TOKEN_ENV
                                + ", and put the token into that variable, never into this file");
            }
            tokenEnv = tokenEnv == null ? null : tokenEnv.strip();
        }
        Integer maxConcurrent = settings.has("max-concurrent") ? settings.integer("max-concurrent", 1, 64, "4") : null;
        Integer perMinute = settings.has("requests-per-minute") ? settings.integer("requests-per-minute", 1, 100_000, "300") : null;
        if ((maxConcurrent != null || perMinute != null) && !settings.has("base-url")) {
            settings.problem(maxConcurrent != null ? "max-concurrent" : "requests-per-minute",
                    String.valueOf(maxConcurrent != null ? maxConcurrent : perMinute),
                    "sets a limit for the service's own host, whose documented limit is built in",
                    "remove it, or set base-url to the mirror or self-hosted service the limit is for");
        }
        return new SourceSettings(baseUrl, tokenEnv, maxConcurrent, perMinute);
    }

    private static Map<String, String> defaultSourceUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("modrinth", "https://api.modrinth.com/v2");
        urls.put("hangar", "https://hangar.papermc.io/api/v1");
        urls.put("spiget", "https://api.spiget.org/v2");
        urls.put("github", "https://api.github.com");
        return Map.copyOf(urls);
    }
}
