package org.homeamp.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.homeamp.config.HomeAmpSettings.MailSettings;
import org.homeamp.config.HomeAmpSettings.PlansSettings;
import org.homeamp.config.HomeAmpSettings.ReportsSettings;
import org.homeamp.config.HomeAmpSettings.SimulatorSettings;
import org.homeamp.config.HomeAmpSettings.SourceSettings;
import org.homeamp.config.HomeAmpSettings.SourcesSettings;
import org.homeamp.config.YamlTree.ListNode;
import org.homeamp.config.YamlTree.MapNode;
import org.homeamp.config.YamlTree.Node;
import org.homeamp.config.YamlTree.ScalarNode;

/**
 * Finds, reads and validates {@code homeamp.yml} (SPEC §4) into {@link HomeAmpSettings}.
 *
 * <p>Every problem in the file is reported at once, one line each, in the form
 * {@code <file>:<line>: <key path> = <value>: <what is wrong>. Fix: <what to do>}; the value is left
 * out for secrets and for keys the schema does not know. Passwords are read here and only ever held
 * in a {@link Secret}.
 *
 * <p>Conventions: relative paths in the file resolve against the directory of the configuration file
 * (not the working directory), so a config behaves the same from cron, systemd and a shell; the
 * state directory is created when missing; top-level {@code spring.*} keys are passed through,
 * flattened, to {@link HomeAmpSettings#springProperties()} without validation, and their values never
 * appear in messages.
 */
public final class ConfigLoader {
    static final Path LOCAL_CONFIG = Path.of("./homeamp.yml");
    static final Path SYSTEM_CONFIG = Path.of("/etc/homeamp/homeamp.yml");

    private static final List<String> TOP_LEVEL_KEYS = List.of("homeamp", "spring");
    private static final List<String> HOMEAMP_KEYS = List.of("state-dir", "baselines-dir", "registry-dir", "variables",
            "time-zone", "parallelism", "servers", "sources", "mail", "reports", "plans", "simulator");
    private static final List<String> SERVER_KEYS = List.of("name", "amp-url", "username", "password-file",
            "password-env", "files", "instances-dir", "target");
    private static final List<String> SOURCES_KEYS = List.of("modrinth", "hangar", "spiget", "github", "jenkins",
            "user-agent");
    private static final List<String> SOURCE_KEYS = List.of("base-url");
    private static final List<String> GITHUB_KEYS = List.of("base-url", "token-env");
    private static final List<String> MAIL_KEYS = List.of("to", "from");
    private static final List<String> REPORTS_KEYS = List.of("base-url", "keep-days");
    private static final List<String> PLANS_KEYS = List.of("expire-days");
    private static final List<String> SIMULATOR_KEYS = List.of("hosts-dir");

    /** Base URLs of the public update sources; jenkins has none, each Jenkins is somebody's own. */
    private static final Map<String, String> DEFAULT_SOURCE_URLS = defaultSourceUrls();
    static final String DEFAULT_GITHUB_TOKEN_ENV = "HOMEAMP_GITHUB_TOKEN";
    static final String DEFAULT_USER_AGENT = "homeamp-config-manager/${version} (ops@example.org)";
    /** Sender when {@code mail.from} is not set; a local address no relay will mistake for a real one. */
    static final String DEFAULT_MAIL_FROM = "homeamp@localhost";

    private static final Pattern SERVER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");
    private static final Pattern ANY_ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern MAIL_ADDRESS = Pattern.compile("[^@\\s<>,;\"]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final Pattern TRAILING_API = Pattern.compile("(?i)/api/*$");

    private final Path configDir;
    private final Map<String, String> env;
    private final String toolVersion;
    private final Problems problems;

    private ConfigLoader(Path configDir, Map<String, String> env, String toolVersion, Problems problems) {
        this.configDir = configDir;
        this.env = env;
        this.toolVersion = toolVersion;
        this.problems = problems;
    }

    /**
     * The configuration file to use: {@code explicitOrNull} (from {@code --config}) when given, which must
     * exist; else {@code ./homeamp.yml}; else {@code /etc/homeamp/homeamp.yml}.
     *
     * @throws ConfigException when the given file does not exist or none of the defaults does
     */
    public static Path locate(Path explicitOrNull) {
        return locate(explicitOrNull, LOCAL_CONFIG, SYSTEM_CONFIG);
    }

    static Path locate(Path explicitOrNull, Path localConfig, Path systemConfig) {
        if (explicitOrNull != null) {
            if (!Files.isRegularFile(explicitOrNull)) {
                String wrong = Files.exists(explicitOrNull) ? "is not a regular file" : "does not exist";
                throw new ConfigException("--config " + explicitOrNull + ": " + wrong
                        + ". Fix: check the path, or run 'homeamp demo' to create a working example.");
            }
            return explicitOrNull;
        }
        for (Path candidate : List.of(localConfig, systemConfig)) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new ConfigException("no configuration found: looked at " + localConfig + " and " + systemConfig
                + ". Fix: pass --config FILE, or run 'homeamp demo' to create a working example.");
    }

    /**
     * Reads and validates {@code file}.
     *
     * @param env         the process environment, for {@code password-env}
     * @param toolVersion replaces {@code ${version}} in the user agent
     * @throws ConfigException listing every problem found, one line each
     */
    public static HomeAmpSettings load(Path file, Map<String, String> env, String toolVersion) {
        String shownFile = file.toString();
        Path configFile = file.toAbsolutePath().normalize();
        String content = read(file, shownFile);
        Problems problems = new Problems(shownFile);
        Node root = YamlTree.parse(content, shownFile, problems);
        HomeAmpSettings settings = new ConfigLoader(configFile.getParent(), env, toolVersion, problems)
                .settings(configFile, root);
        problems.throwIfAny();
        return settings;
    }

    private static String read(Path file, String shownFile) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(shownFile + ":1: is not UTF-8 text. Fix: save the file as UTF-8", e);
        } catch (IOException e) {
            throw new ConfigException(shownFile + ":1: cannot be read (" + e + "). Fix: check the path and that"
                    + " the service user may read it", e);
        }
    }

    private HomeAmpSettings settings(Path configFile, Node root) {
        if (root == null) {
            problems.add(1, "(document)", null, "is empty",
                    "start from the example in SPEC §4, or run 'homeamp demo' and copy its homeamp.yml");
            return null;
        }
        if (!(root instanceof MapNode rootMap)) {
            problems.add(root.line(), "(document)", null, "is not a map of settings", "start the file with homeamp:");
            return null;
        }
        Map<String, String> springProperties = new LinkedHashMap<>();
        MapNode homeamp = null;
        int homeampLine = 1;
        for (YamlTree.Entry entry : rootMap.entries().values()) {
            if (entry.key().equals("homeamp")) {
                homeampLine = entry.line();
                if (entry.value() instanceof MapNode map) {
                    homeamp = map;
                } else {
                    problems.add(entry.line(), "homeamp", null, "is not a map of settings",
                            "put the settings indented under homeamp:, e.g.  state-dir: /var/lib/homeamp");
                    return null;
                }
            } else if (entry.key().equals("spring") || entry.key().startsWith("spring.")) {
                flattenSpring(entry.key(), entry.value(), springProperties);
            } else {
                ConfigMap.reportUnknownKey(problems, entry.line(), entry.key(), entry.key(), TOP_LEVEL_KEYS);
            }
        }
        if (homeamp == null) {
            problems.add(1, "homeamp", null, "is missing", "put the settings under a top-level homeamp: key");
            return null;
        }
        return homeamp(configFile, new ConfigMap(homeamp, "homeamp", homeampLine, problems, HOMEAMP_KEYS),
                Map.copyOf(springProperties));
    }

    private HomeAmpSettings homeamp(Path configFile, ConfigMap homeamp, Map<String, String> springProperties) {
        Path stateDir = stateDir(homeamp);
        Path baselinesDir = pathOrDefault(homeamp, "baselines-dir", "baselines");
        Path registryDir = pathOrDefault(homeamp, "registry-dir", "registry");
        Path variables = variables(homeamp);
        ZoneId timeZone = timeZone(homeamp);
        Integer parallelism = homeamp.integer("parallelism", 1, 64, "4");
        List<ServerSettings> servers = servers(homeamp);
        SourcesSettings sources = sources(homeamp);
        MailSettings mail = mail(homeamp);
        ReportsSettings reports = reports(homeamp);
        PlansSettings plans = plans(homeamp);
        SimulatorSettings simulator = simulator(homeamp);
        if (!problems.isEmpty()) {
            return null;
        }
        return new HomeAmpSettings(configFile, stateDir, baselinesDir, registryDir, variables, timeZone,
                parallelism == null ? 4 : parallelism, servers, sources, mail, reports, plans, simulator,
                springProperties);
    }

    // ---- paths ------------------------------------------------------------------------------------

    /** Resolves a path value against the configuration directory; reports values that are no path at all. */
    private Path path(ConfigMap map, String key, String example) {
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

    private Path pathOrDefault(ConfigMap map, String key, String defaultName) {
        return map.has(key) ? path(map, key, "/opt/homeamp/" + defaultName) : configDir.resolve(defaultName);
    }

    /** Shows where a relative value ended up, so "does not exist" is never a riddle. */
    private static String resolvedNote(String raw, Path resolved) {
        return Path.of(raw.strip()).isAbsolute() ? "" : " (resolved to " + resolved + ")";
    }

    private Path stateDir(ConfigMap homeamp) {
        if (!homeamp.has("state-dir")) {
            homeamp.missing("state-dir", "/var/lib/homeamp");
            return null;
        }
        Path dir = path(homeamp, "state-dir", "/var/lib/homeamp");
        if (dir == null) {
            return null;
        }
        String raw = homeamp.string("state-dir", "/var/lib/homeamp");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            homeamp.problem("state-dir", raw, "cannot be created" + resolvedNote(raw, dir) + " (" + e + ")",
                    "create it and give it to the service user: install -d -o homeamp " + dir);
            return null;
        }
        if (!Files.isWritable(dir)) {
            homeamp.problem("state-dir", raw, "is not writable" + resolvedNote(raw, dir),
                    "give it to the service user: chown -R homeamp " + dir);
            return null;
        }
        return dir;
    }

    private Path variables(ConfigMap homeamp) {
        if (!homeamp.has("variables")) {
            return configDir.resolve("Master_Variable_Configurations.xlsx");
        }
        Path variables = path(homeamp, "variables", "/etc/homeamp/Master_Variable_Configurations.xlsx");
        if (variables == null) {
            return null;
        }
        String name = variables.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".xlsx") && !name.endsWith(".csv")) {
            homeamp.problem("variables", homeamp.string("variables", ""), "is neither an .xlsx workbook nor a .csv file",
                    "point it at the variables workbook, e.g. variables: /etc/homeamp/Master_Variable_Configurations.xlsx"
                            + " (or a .csv with the same columns)");
            return null;
        }
        return variables;
    }

    private ZoneId timeZone(ConfigMap homeamp) {
        String raw = homeamp.string("time-zone", "Europe/Berlin");
        if (raw == null) {
            return homeamp.has("time-zone") ? null : ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(raw.strip());
        } catch (DateTimeException e) {
            homeamp.problem("time-zone", raw, "is not a time zone",
                    "write a region name such as Europe/Berlin or UTC (list: timedatectl list-timezones)");
            return null;
        }
    }

    // ---- servers ----------------------------------------------------------------------------------

    private List<ServerSettings> servers(ConfigMap homeamp) {
        String example = "[{name: hetzner, amp-url: http://127.0.0.1:8080, ...}]";
        if (!homeamp.has("servers")) {
            homeamp.missing("servers", "- name: hetzner  (one entry per AMP host, see SPEC §4)");
            return List.of();
        }
        List<ConfigMap.Item> items = homeamp.list("servers", example);
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            homeamp.problem("servers", null, "is an empty list", "add at least one AMP host, see SPEC §4");
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
            ampUrl = httpUrl(server, "amp-url", "http://127.0.0.1:8080", true);
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
        Path file = path(server, key, "/etc/homeamp/hetzner.password");
        if (file == null) {
            return null;
        }
        String where = resolvedNote(raw, file);
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
            return server.has(key) ? path(server, key, example) : null;
        }
        if (!server.has(key)) {
            server.problem(key, null, "is missing (needed with files: local)",
                    "add instances-dir: " + example + " (AMP's instances folder), or use files: amp-api");
            return null;
        }
        String raw = server.string(key, example);
        Path dir = path(server, key, example);
        if (dir == null) {
            return null;
        }
        if (!Files.isDirectory(dir)) {
            String wrong = Files.exists(dir) ? "is not a directory" : "does not exist";
            server.problem(key, raw, wrong + resolvedNote(raw, dir),
                    "point it at AMP's instances folder (e.g. " + example + "), or use files: amp-api");
            return null;
        }
        return dir;
    }

    // ---- URLs -------------------------------------------------------------------------------------

    /**
     * An http(s) URL with a host and no query, without trailing {@code /} and, when {@code stripApi},
     * without a pasted AMP {@code /API} suffix (the client adds it itself).
     */
    private URI httpUrl(ConfigMap map, String key, String example, boolean stripApi) {
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
        if (!scheme.equals("http") && !scheme.equals("https")) {
            map.problem(key, raw, "is not an http or https URL", fix);
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            // Not shown: the user part may hold a password.
            map.problem(key, null, "contains a user name or password", "remove it from the URL; " + fix);
            return null;
        }
        if (uri.getHost() == null) {
            map.problem(key, raw, "has no host", fix);
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

    // ---- sources, mail, reports, plans, simulator -------------------------------------------------

    private SourcesSettings sources(ConfigMap homeamp) {
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
            URI uri = httpUrl(settings, "base-url", defaultUrl == null ? "https://ci.example.org" : defaultUrl, false);
            baseUrl = uri == null ? null : uri.toString();
        } else if (defaultUrl == null) {
            settings.missing("base-url", "https://ci.example.org");
        }
        String tokenEnv = defaultTokenEnv;
        if (settings.has("token-env")) {
            tokenEnv = settings.string("token-env", DEFAULT_GITHUB_TOKEN_ENV);
            if (tokenEnv != null && !ANY_ENV_NAME.matcher(tokenEnv.strip()).matches()) {
                settings.problem("token-env", null, "is not the name of an environment variable",
                        "write the variable's name, e.g. token-env: " + DEFAULT_GITHUB_TOKEN_ENV
                                + ", and put the token into that variable, never into this file");
            }
            tokenEnv = tokenEnv == null ? null : tokenEnv.strip();
        }
        return new SourceSettings(baseUrl, tokenEnv);
    }

    private MailSettings mail(ConfigMap homeamp) {
        ConfigMap mail = homeamp.map("mail", MAIL_KEYS, "{ to: [ops@example.org], from: homeamp@example.org }");
        if (mail == null) {
            return new MailSettings(List.of(), DEFAULT_MAIL_FROM);
        }
        List<String> to = new ArrayList<>();
        List<ConfigMap.Item> items = mail.list("to", "[ops@example.org]");
        for (ConfigMap.Item item : items == null ? List.<ConfigMap.Item>of() : items) {
            String address = mail.stringItem(item, "ops@example.org");
            if (address != null && checkAddress(item.line(), item.path(), address)) {
                to.add(address.strip());
            }
        }
        String from = mail.string("from", "homeamp@example.org");
        if (from == null) {
            from = DEFAULT_MAIL_FROM;
        } else if (!checkAddress(mail.line("from"), mail.path("from"), from)) {
            from = null;
        }
        return new MailSettings(List.copyOf(to), from == null ? null : from.strip());
    }

    private boolean checkAddress(int line, String keyPath, String address) {
        if (MAIL_ADDRESS.matcher(address.strip()).matches()) {
            return true;
        }
        problems.add(line, keyPath, address, "is not a mail address",
                "write a plain address such as ops@example.org (no display name, one address per list entry)");
        return false;
    }

    private ReportsSettings reports(ConfigMap homeamp) {
        ConfigMap reports = homeamp.map("reports", REPORTS_KEYS, "{ base-url: https://ops.example.org/homeamp/, keep-days: 90 }");
        if (reports == null) {
            return new ReportsSettings(null, 90);
        }
        String baseUrl = null;
        if (reports.has("base-url")) {
            URI uri = httpUrl(reports, "base-url", "https://ops.example.org/homeamp/", false);
            // Links are built as base-url + relative path, so the slash is kept on purpose.
            baseUrl = uri == null ? null : uri + "/";
        }
        Integer keepDays = reports.integer("keep-days", 1, Integer.MAX_VALUE, "90");
        return new ReportsSettings(baseUrl, keepDays == null ? 90 : keepDays);
    }

    private PlansSettings plans(ConfigMap homeamp) {
        ConfigMap plans = homeamp.map("plans", PLANS_KEYS, "{ expire-days: 7 }");
        Integer expireDays = plans == null ? null : plans.integer("expire-days", 1, Integer.MAX_VALUE, "7");
        return new PlansSettings(expireDays == null ? 7 : expireDays);
    }

    private SimulatorSettings simulator(ConfigMap homeamp) {
        ConfigMap simulator = homeamp.map("simulator", SIMULATOR_KEYS, "{ hosts-dir: simulator }");
        if (simulator == null) {
            return null;
        }
        if (!simulator.has("hosts-dir")) {
            simulator.missing("hosts-dir", "simulator");
            return null;
        }
        String raw = simulator.string("hosts-dir", "simulator");
        Path hostsDir = path(simulator, "hosts-dir", "simulator");
        if (hostsDir != null && !Files.isDirectory(hostsDir)) {
            simulator.problem("hosts-dir", raw, "does not exist" + resolvedNote(raw, hostsDir),
                    "run 'homeamp demo --fresh' again to rebuild the demo, or remove the simulator section");
            return null;
        }
        return hostsDir == null ? null : new SimulatorSettings(hostsDir);
    }

    // ---- spring.* ---------------------------------------------------------------------------------

    /** Flattens like Spring's own YAML loader: nested keys joined with '.', lists of values comma-joined. */
    private static void flattenSpring(String prefix, Node node, Map<String, String> into) {
        if (node instanceof MapNode map) {
            for (YamlTree.Entry entry : map.entries().values()) {
                flattenSpring(prefix + "." + entry.key(), entry.value(), into);
            }
        } else if (node instanceof ListNode list) {
            if (list.items().stream().allMatch(ScalarNode.class::isInstance)) {
                into.put(prefix, String.join(",", list.items().stream().map(item -> ((ScalarNode) item).text()).toList()));
            } else {
                for (int i = 0; i < list.items().size(); i++) {
                    flattenSpring(prefix + "[" + i + "]", list.items().get(i), into);
                }
            }
        } else {
            into.put(prefix, ((ScalarNode) node).text());
        }
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
