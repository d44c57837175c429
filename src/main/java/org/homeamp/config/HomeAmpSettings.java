package org.homeamp.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated contents of {@code homeamp.yml} (SPEC §4). Built only by {@link ConfigLoader}, which
 * refuses unknown keys and bad values with a {@link ConfigException}.
 *
 * @param configFile       the file these settings were read from
 * @param stateDir         H2 database, staging, backups, reports, outbox, signing key
 * @param baselinesDir     baselines and rules.yml
 * @param registryDir      one registry file per plugin
 * @param variables        the variables workbook (.xlsx) or CSV; may not exist yet
 * @param timeZone         what "today" means for {@code --date}
 * @param parallelism      instances processed at once (1..64)
 * @param servers          the AMP hosts, names unique
 * @param sources          update source settings
 * @param mail             mail settings
 * @param reports          report settings
 * @param plans            approval plan settings
 * @param deploy           how approved rows are deployed
 * @param simulator        present only in demo configs: simulated AMP hosts started in-process
 * @param springProperties {@code spring.*} settings from the same file, flattened (e.g. {@code spring.mail.host})
 * @param worker           remote partitioning over PostgreSQL: the worker's server and the timings of both sides
 */
public record HomeAmpSettings(
        Path configFile,
        Path stateDir,
        Path baselinesDir,
        Path registryDir,
        Path variables,
        ZoneId timeZone,
        int parallelism,
        List<ServerSettings> servers,
        SourcesSettings sources,
        MailSettings mail,
        ReportsSettings reports,
        PlansSettings plans,
        DeploySettings deploy,
        SimulatorSettings simulator,
        Map<String, String> springProperties,
        WorkerSettings worker) {

    /** Settings without a {@code worker} section: its defaults. */
    public HomeAmpSettings(Path configFile, Path stateDir, Path baselinesDir, Path registryDir, Path variables,
            ZoneId timeZone, int parallelism, List<ServerSettings> servers, SourcesSettings sources, MailSettings mail,
            ReportsSettings reports, PlansSettings plans, DeploySettings deploy, SimulatorSettings simulator,
            Map<String, String> springProperties) {
        this(configFile, stateDir, baselinesDir, registryDir, variables, timeZone, parallelism, servers, sources, mail,
                reports, plans, deploy, simulator, springProperties, WorkerSettings.DEFAULTS);
    }

    /** Settings without a {@code deploy} section: its defaults. */
    public HomeAmpSettings(Path configFile, Path stateDir, Path baselinesDir, Path registryDir, Path variables,
            ZoneId timeZone, int parallelism, List<ServerSettings> servers, SourcesSettings sources, MailSettings mail,
            ReportsSettings reports, PlansSettings plans, SimulatorSettings simulator, Map<String, String> springProperties) {
        this(configFile, stateDir, baselinesDir, registryDir, variables, timeZone, parallelism, servers, sources, mail,
                reports, plans, DeploySettings.defaults(reports.keepDays()), simulator, springProperties);
    }

    /** The same settings with other servers (the worker serves its own server with {@code files: local}). */
    public HomeAmpSettings withServers(List<ServerSettings> otherServers) {
        return new HomeAmpSettings(configFile, stateDir, baselinesDir, registryDir, variables, timeZone, parallelism,
                List.copyOf(otherServers), sources, mail, reports, plans, deploy, simulator, springProperties, worker);
    }

    /**
     * The settings of a {@code homeamp worker} for {@code serverName}: that server's files are read
     * and written on this host ({@code files: local}) in {@code instancesDir}, or in the server's own
     * {@code instances-dir} when none is given.
     */
    public HomeAmpSettings servingLocally(String serverName, Path instancesDir) {
        ServerSettings s = server(serverName).orElseThrow(() -> new ConfigException(configFile + ": homeamp.servers has no server named '"
                + serverName + "'. Fix: use one of " + String.join(", ", servers.stream().map(ServerSettings::name).toList())
                + " with --server or worker.server"));
        Path dir = instancesDir != null ? instancesDir.toAbsolutePath().normalize() : s.instancesDir();
        if (dir == null) {
            throw new ConfigException(configFile + ": server " + serverName + " has no instances-dir, so a worker on this host cannot read its"
                    + " files. Fix: give --instances-dir /home/amp/.ampdata/instances, or set instances-dir for it in homeamp.yml");
        }
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new ConfigException("the instances folder " + dir + " of server " + serverName + " does not exist on this host."
                    + " Fix: give AMP's instances folder with --instances-dir (usually /home/amp/.ampdata/instances)");
        }
        ServerSettings local = new ServerSettings(s.name(), s.ampUrl(), s.username(), s.password(), s.passwordSource(), FilesMode.LOCAL, dir,
                s.target());
        return withServers(servers.stream().map(x -> x.name().equals(serverName) ? local : x).toList());
    }

    public Optional<ServerSettings> server(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Update sources (SPEC §4 {@code sources}); base URLs are overridable for mirrors and tests. */
    public record SourcesSettings(Map<String, SourceSettings> byName, String userAgent) {
    }

    /** One update source: its base URL and, for GitHub, the environment variable holding a token. */
    /**
     * One update source: its base URL (a mirror, a proxy or a self-hosted service when set), the GitHub
     * token's variable, and the limit the operator set for the base URL's host ({@code max-concurrent},
     * {@code requests-per-minute}; {@code null} when not set: that host then gets the default limit).
     */
    public record SourceSettings(String baseUrl, String tokenEnv, Integer maxConcurrent, Integer requestsPerMinute) {
        public SourceSettings(String baseUrl, String tokenEnv) {
            this(baseUrl, tokenEnv, null, null);
        }
    }

    /** Mail recipients and sender; SMTP itself comes from {@code spring.mail.*}. */
    public record MailSettings(List<String> to, String from) {
    }

    /** Report links and retention. */
    public record ReportsSettings(String baseUrl, int keepDays) {
    }

    /** How long an approvals plan stays valid. */
    public record PlansSettings(int expireDays) {
    }

    /**
     * Deploying approved rows: instances deployed at once, how long an instance may take after its
     * restart to reach AMP state 20 (ready), and for how many days the nightly keeps a deployment's
     * backups (the latest backup of each instance is always kept).
     */
    public record DeploySettings(int parallel, Duration healthTimeout, int keepBackupsDays) {
        public static final int DEFAULT_PARALLEL = 1;
        public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(180);

        /** The settings of a file without a {@code deploy} section: backups are kept as long as reports. */
        public static DeploySettings defaults(int reportsKeepDays) {
            return new DeploySettings(DEFAULT_PARALLEL, DEFAULT_HEALTH_TIMEOUT, reportsKeepDays);
        }
    }

    /**
     * Demo only: the folder holding simulated AMP hosts ({@code <hosts-dir>/<server>/}). When present,
     * every command starts those simulators in-process before it talks to AMP.
     */
    public record SimulatorSettings(Path hostsDir) {
    }

    /**
     * Remote partitioning (SPEC §11 "Past one host"), used only with PostgreSQL.
     *
     * @param server           the server a {@code homeamp worker} serves ({@code worker.server}); {@code null} when not set
     * @param heartbeat        how often a worker writes its heartbeat row
     * @param staleAfter       a worker whose last beat is older is taken for gone: the manager does not send it
     *                         partitions, and fails a step still waiting for its partitions
     * @param pollInterval     how often the manager looks at its partitions' progress, and an idle worker for requests
     * @param partitionTimeout the longest the manager waits for a worker's partitions of one step
     * @param concurrency      how many partitions a worker runs at a time; 0: as many as {@code parallelism}
     * @param pruneEvery       how often a worker prunes the old backups in its own state dir (at its start, then this often)
     */
    public record WorkerSettings(String server, Duration heartbeat, Duration staleAfter, Duration pollInterval, Duration partitionTimeout,
            int concurrency, Duration pruneEvery) {
        public static final WorkerSettings DEFAULTS = new WorkerSettings(null, Duration.ofSeconds(10), Duration.ofSeconds(45),
                Duration.ofSeconds(2), Duration.ofHours(6), 0, Duration.ofHours(6));
    }
}
