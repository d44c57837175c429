package org.homeamp.config;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code homeamp.servers}: one entry per AMP host, names unique; passwords are read here from
 * {@code password-file} (mode 0600) or {@code password-env} and only ever held in a {@link Secret}.
 */
final class ServersSection {
    private static final List<String> SERVER_KEYS = List.of("name", "amp-url", "username", "password-file",
            "password-env", "files", "instances-dir", "target");
    private static final Pattern SERVER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");
    static final Pattern ANY_ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final ConfigPaths paths;
    private final Map<String, String> env;

    ServersSection(ConfigPaths paths, Map<String, String> env) {
        this.paths = paths;
        this.env = env;
    }

    List<ServerSettings> servers(ConfigMap homeamp) {
        String example = "[{name: hetzner, amp-url: http://127.0.0.1:8080, ...}]";
        if (!homeamp.has("servers")) {
            homeamp.missing("servers", "- name: hetzner  (one entry per AMP host, see docs/configuration.md)");
            return List.of();
        }
        List<ConfigMap.Item> items = homeamp.list("servers", example);
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            homeamp.problem("servers", null, "is an empty list", "add at least one AMP host, see docs/configuration.md");
            return List.of();
        }
        List<ServerSettings> servers = new ArrayList<>();
        Map<String, ConfigMap> byName = new HashMap<>();
        for (ConfigMap.Item item : items) {
            ConfigMap server = homeamp.mapItem(item, SERVER_KEYS,
                    "a map such as {name: hetzner, amp-url: http://127.0.0.1:8080, username: homeamp, ...}");
            ServerSettings settings = server == null ? null : server(server, byName);
            if (settings != null) {
                servers.add(settings);
            }
        }
        return List.copyOf(servers);
    }

    private ServerSettings server(ConfigMap server, Map<String, ConfigMap> byName) {
        String name = serverName(server, byName);
        URI ampUrl = null;
        if (server.has("amp-url")) {
            ampUrl = ConfigPaths.httpUrl(server, "amp-url", "http://127.0.0.1:8080", true);
        } else {
            server.missing("amp-url", "http://127.0.0.1:8080");
        }
        String username = server.requiredString("username", "homeamp");
        PasswordSource password = password(server, name);
        FilesMode files = filesMode(server);
        Path instancesDir = instancesDir(server, files);
        String target = server.string("target", "\"ADS01\"");
        if (password == null || name == null) {
            return null;
        }
        return new ServerSettings(name, ampUrl, username, password.secret(), password.description(), files,
                instancesDir, target);
    }

    private String serverName(ConfigMap server, Map<String, ConfigMap> byName) {
        String name = server.requiredString("name", "hetzner");
        if (name == null) {
            return null;
        }
        if (!SERVER_NAME.matcher(name).matches()) {
            server.problem("name", name, "is not a valid server name",
                    "use 1 to 32 letters, digits, '-' or '_', e.g. name: hetzner");
            return null;
        }
        ConfigMap first = byName.putIfAbsent(name, server);
        if (first != null) {
            server.problem("name", name, "is also the name of " + first.path() + " (line " + first.line("name") + ")",
                    "give every server its own name");
            return null;
        }
        return name;
    }

    /** The password and where it came from; the description names the source, never the value. */
    private record PasswordSource(Secret secret, String description) {
    }

    private PasswordSource password(ConfigMap server, String name) {
        String envExample = "HOMEAMP_" + (name == null ? "HETZNER" : name.toUpperCase(Locale.ROOT).replace('-', '_'))
                + "_PASSWORD";
        boolean hasFile = server.has("password-file");
        boolean hasEnv = server.has("password-env");
        if (hasFile && hasEnv) {
            server.problem("password-env", server.string("password-env", envExample),
                    "is given together with password-file (line " + server.line("password-file") + ")",
                    "keep only one of password-file and password-env");
            return null;
        }
        if (hasFile) {
            return passwordFile(server);
        }
        if (hasEnv) {
            return passwordEnv(server, envExample);
        }
        server.problem("password-file", null, "is missing (and so is password-env)",
                "add password-file: /etc/homeamp/" + (name == null ? "hetzner" : name)
                        + ".password (a file with mode 600 holding the AMP password) or password-env: " + envExample);
        return null;
    }

    private PasswordSource passwordFile(ConfigMap server) {
        String key = "password-file";
        String raw = server.string(key, "/etc/homeamp/hetzner.password");
        Path file = paths.path(server, key, "/etc/homeamp/hetzner.password");
        if (file == null) {
            return null;
        }
        String where = ConfigPaths.resolvedNote(raw, file);
        if (!Files.exists(file)) {
            server.problem(key, raw, "does not exist" + where, "create it with the AMP password: install -m 600 -o homeamp"
                    + " /dev/null " + file + " && edit it, or fix the path");
            return null;
        }
        if (!Files.isRegularFile(file)) {
            server.problem(key, raw, "is not a regular file" + where, "point it at the file holding the AMP password");
            return null;
        }
        if (!Files.isReadable(file)) {
            server.problem(key, raw, "is not readable by this user" + where, "chown homeamp " + file);
            return null;
        }
        boolean unsafe = !ownerOnly(server, key, raw, file);
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // The exception text could quote file contents for a decoding error, so only its type is shown.
            server.problem(key, raw, "cannot be read as UTF-8 text (" + e.getClass().getSimpleName() + ")" + where,
                    "write the password into it as plain UTF-8 text");
            return null;
        }
        String password = stripTrailingNewlines(content);
        if (password.isEmpty()) {
            server.problem(key, raw, "is empty" + where, "write the AMP password into it (one line)");
            return null;
        }
        return unsafe ? null : new PasswordSource(new Secret(password), "password-file " + file);
    }

    /** On POSIX file systems a password file must be private to its owner (mode & 077 == 0). */
    private boolean ownerOnly(ConfigMap server, String key, String raw, Path file) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return true;
        } catch (IOException e) {
            server.problem(key, raw, "has unreadable permissions (" + e + ")", "chmod 600 " + file);
            return false;
        }
        int mode = mode(permissions);
        if ((mode & 0077) == 0) {
            return true;
        }
        String what = (mode & 0044) != 0 ? "readable" : (mode & 0022) != 0 ? "writable" : "usable";
        server.problem(key, raw, "is " + what + " by other users (mode " + String.format("%04o", mode) + ")",
                "chmod 600 " + file);
        return false;
    }

    private static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            // The enum runs OWNER_READ .. OTHERS_EXECUTE, i.e. from bit 8 down to bit 0.
            mode |= 1 << (8 - permission.ordinal());
        }
        return mode;
    }

    private static String stripTrailingNewlines(String content) {
        int end = content.length();
        while (end > 0 && (content.charAt(end - 1) == '\n' || content.charAt(end - 1) == '\r')) {
            end--;
        }
        return content.substring(0, end);
    }

    private PasswordSource passwordEnv(ConfigMap server, String envExample) {
        String key = "password-env";
        String variable = server.string(key, envExample);
        if (variable == null) {
            return null;
        }
        variable = variable.strip();
        if (!ANY_ENV_NAME.matcher(variable).matches() || !ENV_NAME.matcher(variable).matches()
                && !env.containsKey(variable)) {
            // Not shown: something that is not a variable name may well be the password pasted here.
            server.problem(key, null, "is not the name of an environment variable",
                    "write the variable's name, e.g. password-env: " + envExample
                            + ", and put the password into that variable, never into this file");
            return null;
        }
        String value = env.get(variable);
        if (value == null || value.isEmpty()) {
            server.problem(key, variable, value == null ? "is not set in the environment" : "is empty in the environment",
                    "export " + variable + "=... in the service environment (/etc/homeamp/homeamp.env)");
            return null;
        }
        return new PasswordSource(new Secret(value), "password-env " + variable);
    }

    private FilesMode filesMode(ConfigMap server) {
        String raw = server.requiredString("files", "local");
        if (raw == null) {
            return null;
        }
        for (FilesMode mode : FilesMode.values()) {
            if (mode.yamlName().equals(raw.strip())) {
                return mode;
            }
        }
        server.problem("files", raw, "is neither local nor amp-api",
                "write files: local (instance folders are on this host) or files: amp-api (through AMP's file manager)");
        return null;
    }

    private Path instancesDir(ConfigMap server, FilesMode files) {
        String key = "instances-dir";
        String example = "/home/amp/.ampdata/instances";
        if (files == FilesMode.AMP_API) {
            if (server.has(key)) {
                server.problem(key, server.string(key, example), "is not used with files: amp-api",
                        "remove instances-dir, or use files: local if the instance folders are on this host");
            }
            return null;
        }
        if (files != FilesMode.LOCAL) {
            return server.has(key) ? paths.path(server, key, example) : null;
        }
        if (!server.has(key)) {
            server.problem(key, null, "is missing (needed with files: local)",
                    "add instances-dir: " + example + " (AMP's instances folder), or use files: amp-api");
            return null;
        }
        String raw = server.string(key, example);
        Path dir = paths.path(server, key, example);
        if (dir == null) {
            return null;
        }
        if (!Files.isDirectory(dir)) {
            String wrong = Files.exists(dir) ? "is not a directory" : "does not exist";
            server.problem(key, raw, wrong + ConfigPaths.resolvedNote(raw, dir),
                    "point it at AMP's instances folder (e.g. " + example + "), or use files: amp-api");
            return null;
        }
        return dir;
    }
}
