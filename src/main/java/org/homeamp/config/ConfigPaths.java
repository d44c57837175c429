package org.homeamp.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Path and URL values of {@code homeamp.yml}: relative paths resolve against the configuration file's
 * directory (not the working directory), so a config behaves the same from cron, systemd and a shell.
 */
final class ConfigPaths {
    private static final Pattern TRAILING_API = Pattern.compile("(?i)/api/*$");

    private final Path configDir;

    ConfigPaths(Path configDir) {
        this.configDir = configDir;
    }

    Path configDir() {
        return configDir;
    }

    /** Resolves a path value against the configuration directory; reports values that are no path at all. */
    Path path(ConfigMap map, String key, String example) {
        String raw = map.string(key, example);
        if (raw == null) {
            return null;
        }
        if (raw.isBlank()) {
            map.problem(key, raw, "is blank", "write a path, e.g. " + key + ": " + example);
            return null;
        }
        try {
            return configDir.resolve(raw.strip()).normalize();
        } catch (InvalidPathException e) {
            map.problem(key, raw, "is not a valid path (" + e.getReason() + ")", "write a path, e.g. " + key + ": "
                    + example);
            return null;
        }
    }

    Path pathOrDefault(ConfigMap map, String key, String defaultName) {
        return map.has(key) ? path(map, key, "/opt/homeamp/" + defaultName) : configDir.resolve(defaultName);
    }

    /** Shows where a relative value ended up, so "does not exist" is never a riddle. */
    static String resolvedNote(String raw, Path resolved) {
        return Path.of(raw.strip()).isAbsolute() ? "" : " (resolved to " + resolved + ")";
    }

    /**
     * Reports a directory that does not exist: at its key's line when the key is written, else at the
     * section's line (where the key would be added).
     */
    static boolean isDirectoryOrReport(ConfigMap map, String key, Path dir, String fix) {
        if (dir == null || Files.isDirectory(dir)) {
            return true;
        }
        String raw = map.has(key) ? map.string(key, "") : null;
        String wrong = (Files.exists(dir) ? "is not a directory" : "does not exist")
                + (raw == null ? " (" + dir + ", the default)" : resolvedNote(raw, dir));
        map.problem(key, raw, wrong, fix);
        return false;
    }

    /**
     * An http(s) URL with a host and no query, without trailing {@code /} and, when {@code stripApi},
     * without a pasted AMP {@code /API} suffix (the client adds it itself).
     */
    static URI httpUrl(ConfigMap map, String key, String example, boolean stripApi) {
        String raw = map.string(key, example);
        if (raw == null) {
            return null;
        }
        String fix = "write an http:// or https:// address, e.g. " + key + ": " + example;
        URI uri;
        try {
            uri = new URI(raw.strip());
        } catch (URISyntaxException e) {
            map.problem(key, raw, "is not a URL (" + e.getReason() + ")", fix);
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String wrong = !scheme.equals("http") && !scheme.equals("https") ? "is not an http or https URL"
                : uri.getHost() == null ? "has no host" : null;
        if (uri.getRawUserInfo() != null) {
            // Not shown: the user part may hold a password.
            map.problem(key, null, "contains a user name or password", "remove it from the URL; " + fix);
            return null;
        }
        if (wrong != null) {
            map.problem(key, raw, wrong, fix);
            return null;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            map.problem(key, raw, "has a query or fragment (?... or #...)", "remove it; " + fix);
            return null;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (stripApi) {
            path = TRAILING_API.matcher(path).replaceFirst("");
        }
        path = path.replaceAll("/+$", "");
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }
}
