package org.homeamp.amp;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import org.homeamp.config.Secret;

/**
 * How to reach one AMP controller (ADS) and log in to it.
 *
 * <p>{@code baseUrl} is normalised: a trailing {@code /} and a pasted trailing {@code /API} are
 * removed, because operators copy the URL from the browser or from AMP's API page and the client
 * appends {@code /API/...} itself.
 *
 * @param serverName   the server's name in homeamp.yml, used in every message
 * @param baseUrl      {@code http(s)://host:port} of the controller, optionally with a path prefix
 * @param username     AMP user (a service account without two-factor login)
 * @param password     its password; only ever sent in a login body
 * @param userAgent    sent on every request (AMP has refused logins from clients without one)
 * @param callTimeout  the whole time one HTTP call may take
 * @param pollInterval how often lifecycle waits ask AMP for the instance state
 */
public record AmpConnection(
        String serverName,
        URI baseUrl,
        String username,
        Secret password,
        String userAgent,
        Duration callTimeout,
        Duration pollInterval) {

    public AmpConnection {
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        String scheme = baseUrl.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("AMP server '" + serverName + "': url must look like http(s)://host:port, got '"
                    + withoutUserInfo(baseUrl) + "'");
        }
        if (callTimeout.isNegative() || callTimeout.isZero() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("AMP server '" + serverName + "': callTimeout and pollInterval must be positive");
        }
        baseUrl = normalize(baseUrl);
    }

    /** The base URL without user info, query or fragment: safe to show in messages and logs. */
    public String displayUrl() {
        return withoutUserInfo(baseUrl).toString();
    }

    private static URI normalize(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.toUpperCase(Locale.ROOT).endsWith("/API")) {
            path = path.substring(0, path.length() - 4);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            return new URI(url.getScheme(), url.getUserInfo(), url.getHost(), url.getPort(), path.isEmpty() ? null : path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("AMP url '" + withoutUserInfo(url) + "' is not valid: " + e.getMessage(), e);
        }
    }

    private static URI withoutUserInfo(URI url) {
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null);
        } catch (URISyntaxException e) {
            return URI.create(url.getScheme() + "://" + url.getHost());
        }
    }
}
