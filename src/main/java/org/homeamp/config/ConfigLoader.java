package org.homeamp.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.homeamp.config.HomeAmpSettings.DeploySettings;
import org.homeamp.config.HomeAmpSettings.MailSettings;
import org.homeamp.config.HomeAmpSettings.PlansSettings;
import org.homeamp.config.HomeAmpSettings.ReportsSettings;
import org.homeamp.config.HomeAmpSettings.SimulatorSettings;
import org.homeamp.config.HomeAmpSettings.SourcesSettings;
import org.homeamp.config.YamlNodes.SyntaxError;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

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
 * appear in messages. Each section has its own reader ({@link ServersSection}, {@link SourcesSection},
 * {@link MailSection}, {@link ReportsSection}, {@link DirectoriesSection}, {@link SpringSection}); all of
 * them report to one {@link Problems}, so the operator sees every problem of the file at once. Files over
 * {@link YamlNodes#MAX_BYTES} are refused before parsing.
 */
public final class ConfigLoader {
    static final Path LOCAL_CONFIG = Path.of("./homeamp.yml");
    static final Path SYSTEM_CONFIG = Path.of("/etc/homeamp/homeamp.yml");

    private static final List<String> TOP_LEVEL_KEYS = List.of("homeamp", "spring");
    private static final List<String> HOMEAMP_KEYS = List.of("state-dir", "baselines-dir", "registry-dir", "variables",
            "time-zone", "parallelism", "servers", "sources", "mail", "reports", "plans", "deploy", "simulator", "worker");
    static final String DEFAULT_GITHUB_TOKEN_ENV = SourcesSection.DEFAULT_GITHUB_TOKEN_ENV;
    static final String DEFAULT_USER_AGENT = SourcesSection.DEFAULT_USER_AGENT;
    static final String DEFAULT_MAIL_FROM = MailSection.DEFAULT_MAIL_FROM;

    private final ConfigPaths paths;
    private final Map<String, String> env;
    private final String toolVersion;
    private final Problems problems;
    private final boolean forJobs;

    private ConfigLoader(Path configDir, Map<String, String> env, String toolVersion, Problems problems, boolean forJobs) {
        this.paths = new ConfigPaths(configDir);
        this.env = env;
        this.toolVersion = toolVersion;
        this.problems = problems;
        this.forJobs = forJobs;
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
        return load(file, env, toolVersion, false);
    }

    /**
     * Like {@link #load(Path, Map, String)}, and also checks that the folders and files the jobs read exist
     * ({@code baselines-dir}, {@code registry-dir} with its {@code plugins/}, a {@code variables} file named
     * in the file), so a run with a wrong path stops before it starts instead of inside a job.
     */
    public static HomeAmpSettings loadForJobs(Path file, Map<String, String> env, String toolVersion) {
        return load(file, env, toolVersion, true);
    }

    private static HomeAmpSettings load(Path file, Map<String, String> env, String toolVersion, boolean forJobs) {
        String shownFile = file.toString();
        Path configFile = file.toAbsolutePath().normalize();
        String content = YamlNodes.readSmallUtf8(file, shownFile);
        Problems problems = new Problems(shownFile);
        Node root = parse(content, shownFile, problems);
        HomeAmpSettings settings = new ConfigLoader(configFile.getParent(), env, toolVersion, problems, forJobs)
                .settings(configFile, root);
        problems.throwIfAny();
        return settings;
    }

    /** The document's root, or {@code null} for an empty file; a second document is a problem. */
    private static Node parse(String content, String shownFile, Problems problems) {
        List<Node> documents;
        try {
            documents = YamlNodes.composeAll(content);
        } catch (YamlNodes.YamlSyntaxException e) {
            SyntaxError error = e.error();
            // SnakeYAML's source snippet is left out on purpose: it could echo a value not meant for a log.
            throw new ConfigException(shownFile + ":" + error.line() + ":" + error.column() + ": is not valid YAML: "
                    + error.problem() + ". Fix: check the indentation (spaces only, no tabs) and the quoting at this"
                    + " place and on the line before; values containing ': ' or starting with '{', '[', '*', '&' or '@'"
                    + " need quotes", e);
        }
        if (documents.size() > 1) {
            problems.add(YamlNodes.line(documents.get(1)), "(document)", null, "a second YAML document starts here",
                    "keep the whole configuration in one document: remove the '---' line and what follows, or merge it");
        }
        return documents.isEmpty() || YamlNodes.isNull(documents.get(0)) ? null : documents.get(0);
    }

    private HomeAmpSettings settings(Path configFile, Node root) {
        if (root == null) {
            problems.add(1, "(document)", null, "is empty",
                    "start from the example in docs/configuration.md, or run 'homeamp demo' and copy its homeamp.yml");
            return null;
        }
        if (!(root instanceof MappingNode rootMap)) {
            problems.add(YamlNodes.line(root), "(document)", null, "is not a map of settings", "start the file with homeamp:");
            return null;
        }
        Map<String, String> springProperties = new LinkedHashMap<>();
        ConfigMap.Entry homeamp = null;
        int springLine = 1;
        for (ConfigMap.Entry entry : ConfigMap.entries(rootMap, "", problems).values()) {
            if (entry.key().equals("homeamp")) {
                homeamp = entry;
            } else if (entry.key().equals("spring") || entry.key().startsWith("spring.")) {
                SpringSection.flatten(entry.key(), entry.value(), springProperties, problems);
                springLine = entry.line();
            } else {
                ConfigMap.reportUnknownKey(problems, entry.line(), entry.key(), entry.key(), TOP_LEVEL_KEYS);
            }
        }
        DatasourceSection.resolvePassword(springProperties, paths.configDir(), env, springLine, problems);
        if (homeamp == null) {
            problems.add(1, "homeamp", null, "is missing", "put the settings under a top-level homeamp: key");
            return null;
        }
        if (!(homeamp.value() instanceof MappingNode map)) {
            problems.add(homeamp.line(), "homeamp", null, "is not a map of settings",
                    "put the settings indented under homeamp:, e.g.  state-dir: /var/lib/homeamp");
            return null;
        }
        return homeamp(configFile, new ConfigMap(map, "homeamp", homeamp.line(), problems, HOMEAMP_KEYS),
                Map.copyOf(springProperties));
    }

    private HomeAmpSettings homeamp(Path configFile, ConfigMap homeamp, Map<String, String> springProperties) {
        DirectoriesSection dirs = new DirectoriesSection(paths, homeamp);
        Path stateDir = dirs.stateDir();
        Path baselinesDir = dirs.baselinesDir(forJobs);
        Path registryDir = dirs.registryDir(forJobs);
        Path variables = dirs.variables(forJobs);
        ZoneId timeZone = dirs.timeZone();
        Integer parallelism = homeamp.integer("parallelism", 1, 64, "4");
        List<ServerSettings> servers = new ServersSection(paths, env).servers(homeamp);
        SourcesSettings sources = new SourcesSection(toolVersion).sources(homeamp);
        MailSettings mail = new MailSection(problems).mail(homeamp);
        ReportsSettings reports = ReportsSection.reports(homeamp);
        PlansSettings plans = ReportsSection.plans(homeamp);
        DeploySettings deploy = ReportsSection.deploy(homeamp, reports.keepDays());
        SimulatorSettings simulator = dirs.simulator();
        HomeAmpSettings.WorkerSettings worker = WorkerSection.worker(homeamp, servers);
        if (!problems.isEmpty()) {
            return null;
        }
        return new HomeAmpSettings(configFile, stateDir, baselinesDir, registryDir, variables, timeZone,
                parallelism == null ? 4 : parallelism, servers, sources, mail, reports, plans, deploy, simulator,
                springProperties, worker);
    }
}
