package org.homeamp.doctor;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.homeamp.config.HomeAmpSettings.SourceSettings;
import org.homeamp.config.HomeAmpSettings.SourcesSettings;

/**
 * Every configured update source answers this host, with the tool's User-Agent and (GitHub) token.
 * One GET each, never retried; for GitHub the rate-limit headroom from {@code X-RateLimit-Remaining},
 * because 60 anonymous requests an hour run out on a network of any size.
 */
final class SourceChecks {
    /** Fewer GitHub requests left than this, and a nightly check of a larger network would run dry. */
    static final int GITHUB_LOW_REMAINING = 100;

    private SourceChecks() {
    }

    static List<CheckResult> check(SourcesSettings sources, Function<String, String> environment, Duration timeout) {
        List<CheckResult> results = new ArrayList<>();
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(timeout).connectTimeout(timeout).readTimeout(timeout)
                .retryOnConnectionFailure(false).build();
        try {
            for (Map.Entry<String, SourceSettings> e : new TreeMap<>(sources.byName()).entrySet()) {
                if (e.getValue().baseUrl() != null) {
                    results.add(probe(http, e.getKey(), e.getValue(), sources.userAgent(), environment));
                }
            }
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        return results;
    }

    private static CheckResult probe(OkHttpClient http, String name, SourceSettings source, String userAgent,
            Function<String, String> environment) {
        String check = "source " + name;
        boolean github = name.equals("github");
        String base = source.baseUrl().replaceAll("/+$", "");
        String url = switch (name) {
            case "github" -> base + "/rate_limit";
            case "jenkins" -> base + "/api/json";
            default -> base + "/";
        };
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            return CheckResult.fail(check, "base-url '" + source.baseUrl() + "' is not an http(s) URL", "fix homeamp.sources." + name + ".base-url");
        }
        Request.Builder request = new Request.Builder().url(parsed).header("User-Agent", userAgent).header("Accept", "application/json");
        String token = github && source.tokenEnv() != null ? environment.apply(source.tokenEnv()) : null;
        boolean withToken = token != null && !token.isBlank();
        if (withToken) {
            request.header("Authorization", "Bearer " + token.strip());
        }
        String shown = parsed.newBuilder().query(null).build().toString();
        try (Response response = http.newCall(request.build()).execute()) {
            int code = response.code();
            if (code == 401 && withToken) {
                return CheckResult.fail(check, shown + " refused the token in $" + source.tokenEnv() + " (HTTP 401)",
                        "make a new token (no scopes needed) and put it into $" + source.tokenEnv() + " in /etc/homeamp/homeamp.env");
            }
            if (code == 401 || code == 403) {
                return CheckResult.fail(check, shown + " refused this tool (HTTP " + code + ")",
                        "set homeamp.sources.user-agent to name the tool and a contact address; some sources block anonymous clients");
            }
            if (code == 429) {
                return CheckResult.warn(check, shown + " answers, but is limiting this host now (HTTP 429)",
                        "none needed if it passes; else run the check later, fewer plugins at once");
            }
            if (code >= 500) {
                return CheckResult.warn(check, shown + " answers HTTP " + code + ": the source has trouble right now",
                        "none; the nightly retries and reports the plugins it could not check");
            }
            if (github) {
                return gitHubHeadroom(check, shown, response, withToken, source.tokenEnv());
            }
            return CheckResult.ok(check, shown + " answers (HTTP " + code + ")");
        } catch (IOException e) {
            return CheckResult.fail(check, shown + " unreachable: " + e.getMessage(),
                    "check DNS, firewall and proxy of this host for " + parsed.host() + ", or homeamp.sources." + name + ".base-url");
        }
    }

    private static CheckResult gitHubHeadroom(String check, String shown, Response response, boolean withToken, String tokenEnv) {
        String remaining = response.header("X-RateLimit-Remaining");
        String limit = response.header("X-RateLimit-Limit");
        String auth = withToken ? "with the token from $" + tokenEnv : "anonymous";
        if (remaining == null) {
            return CheckResult.ok(check, shown + " answers (" + auth + "; no rate-limit header)");
        }
        String headroom = remaining + (limit == null ? "" : " of " + limit) + " requests left this hour, " + auth;
        int left;
        try {
            left = Integer.parseInt(remaining.trim());
        } catch (NumberFormatException e) {
            return CheckResult.ok(check, shown + " answers (" + headroom + ")");
        }
        if (left < GITHUB_LOW_REMAINING) {
            return CheckResult.warn(check, shown + " answers; " + headroom, withToken ? "wait for the hour to pass"
                    : "set a GitHub token (no scopes) in $" + (tokenEnv == null ? "HOMEAMP_GITHUB_TOKEN" : tokenEnv)
                            + " in /etc/homeamp/homeamp.env: 5000 requests an hour instead of 60");
        }
        return CheckResult.ok(check, shown + " answers; " + headroom);
    }
}
