package org.homeamp.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.homeamp.batch.RunLock;
import org.homeamp.config.SqlDialect;
import org.homeamp.config.StateDatabase;
import org.homeamp.config.HomeAmpSettings;

/**
 * The job database: it opens, its schema matches this version of the tool (Flyway history: nothing
 * failed, nothing pending, nothing newer than this jar), and whether a job holds the state dir now.
 * Opens the database read-only in spirit: no migration is run, and an H2 file that does not exist
 * yet is not created. For PostgreSQL also: the server is reached, the login is accepted, the server
 * is new enough, a password written into homeamp.yml is not readable by others, and the workers that
 * registered get their servers' partitions ({@link WorkerCheck}).
 */
final class DatabaseCheck {

    /** What the check found, plus the bytes the pending downloads will stage (for the disk check). */
    record Outcome(List<CheckResult> results, long pendingDownloadBytes) {
    }

    private DatabaseCheck() {
    }

    /** The oldest PostgreSQL homeamp runs on (server_version_num): 13. */
    static final int MIN_POSTGRES = 130000;

    static Outcome check(HomeAmpSettings settings) {
        return check(settings, System.getenv());
    }

    static Outcome check(HomeAmpSettings settings, Map<String, String> env) {
        List<CheckResult> results = new ArrayList<>();
        Map<String, String> spring = settings.springProperties();
        String url = spring.get("spring.datasource.url");
        String user = spring.getOrDefault("spring.datasource.username", "sa");
        String password = spring.getOrDefault("spring.datasource.password", "");
        String shown;
        if (url == null) {
            Path file = settings.stateDir().resolve("db").resolve("homeamp.mv.db");
            shown = file.toString();
            if (!Files.exists(file)) {
                results.add(CheckResult.ok("database", file + " not created yet; the first command that needs it creates it"));
                results.add(lock(settings.stateDir()));
                return new Outcome(results, 0);
            }
            url = StateDatabase.h2Url(settings.stateDir()) + ";IFEXISTS=TRUE";
            user = StateDatabase.H2_USER;
            // read only: doctor never creates or migrates the password (a database from before it has none)
            Path passwordFile = StateDatabase.passwordFile(settings.stateDir());
            try {
                password = Files.exists(passwordFile) ? Files.readString(passwordFile).strip() : "";
            } catch (java.io.IOException e) {
                results.add(CheckResult.fail("database", "cannot read " + passwordFile + ": " + e.getMessage(),
                        "the password file belongs to the service user; run doctor as that user (sudo -u homeamp homeamp doctor)"));
                results.add(lock(settings.stateDir()));
                return new Outcome(results, 0);
            }
        } else {
            shown = withoutCredentials(url);
        }
        if (SqlDialect.isPostgres(url)) {
            return postgres(settings, env, url, user, password, shown);
        }
        long pending = 0;
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            results.add(schema(url, user, password, shown));
            pending = pendingDownloadBytes(c);
        } catch (SQLException | RuntimeException e) {
            results.add(CheckResult.fail("database", "cannot open " + shown + ": " + firstLine(e.getMessage()),
                    url.startsWith("jdbc:h2:") ? "check that " + settings.stateDir().resolve("db") + " belongs to the service user;"
                            + " if the file is damaged, restore it from backup (docs/troubleshooting.md)"
                            : "check spring.datasource.url, username and password in " + settings.configFile() + " and that the database is up"));
        }
        results.add(lock(settings.stateDir()));
        return new Outcome(results, pending);
    }

    /** PostgreSQL: reached, login, version, schema, where the password lives, and the run lock. */
    private static Outcome postgres(HomeAmpSettings settings, Map<String, String> env, String url, String user, String password,
            String shown) {
        List<CheckResult> results = new ArrayList<>();
        Path config = settings.configFile();
        passwordPlace(settings, env).ifPresent(results::add);
        long pending = 0;
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            int version;
            String versionText;
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int, current_setting('server_version')")) {
                rs.next();
                version = rs.getInt(1);
                versionText = rs.getString(2);
            }
            if (version < MIN_POSTGRES) {
                results.add(CheckResult.fail("database server", shown + " is PostgreSQL " + versionText + ", older than 13",
                        "upgrade the server to PostgreSQL 13 or newer (Debian 12 ships 15), or remove spring.datasource.url from "
                                + config + " to use the embedded H2 database"));
            } else {
                results.add(CheckResult.ok("database server", shown + ": PostgreSQL " + versionText + ", login as " + user + " accepted"));
            }
            results.add(schema(url, user, password, shown));
            results.add(batchTables(c, shown));
            results.addAll(WorkerCheck.check(c, settings));
            pending = pendingDownloadBytes(c);
        } catch (SQLException e) {
            results.add(postgresRefusal(e, shown, user, config));
        } catch (RuntimeException e) {
            results.add(CheckResult.fail("database", "cannot read the schema of " + shown + ": " + firstLine(e.getMessage()),
                    "check that " + user + " owns the database (docs/postgresql.md)"));
        }
        results.add(lock(settings));
        return new Outcome(results, pending);
    }

    /** Why PostgreSQL refused, with the setting to change (SQLSTATE classes 28 = login, 3D = database, 08 = connection). */
    static CheckResult postgresRefusal(SQLException e, String shown, String user, Path config) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String why = firstLine(e.getMessage());
        if (state.startsWith("28")) {
            return CheckResult.fail("database login", shown + " refuses the login as " + user + ": " + why,
                    "check spring.datasource.username in " + config + " and the password (spring.datasource.password-file, or"
                            + " SPRING_DATASOURCE_PASSWORD in /etc/homeamp/homeamp.env), and that pg_hba.conf lets " + user + " in");
        }
        if (state.equals("3D000")) {
            return CheckResult.fail("database", shown + " does not exist: " + why,
                    "create it (CREATE DATABASE homeamp OWNER " + user + "; see docs/postgresql.md), or fix the database name"
                            + " in spring.datasource.url in " + config);
        }
        if (state.startsWith("08")) {
            return CheckResult.fail("database server", "cannot reach " + shown + ": " + why,
                    "check the host and port in spring.datasource.url in " + config + ", that PostgreSQL runs and listens"
                            + " there (listen_addresses) and that the firewall lets this host in");
        }
        return CheckResult.fail("database", "cannot open " + shown + ": " + why + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"),
                "check spring.datasource.url, username and password in " + config + " (docs/postgresql.md)");
    }

    private static CheckResult batchTables(Connection c, String shown) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT to_regclass('batch_job_execution') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1)
                    ? CheckResult.ok("job repository", shown + " has Spring Batch's tables")
                    : CheckResult.ok("job repository", shown + ": Spring Batch's tables not created yet; the first run creates them");
        }
    }

    /** A password written into homeamp.yml itself: the file must not be readable by others (it usually is by the group). */
    private static java.util.Optional<CheckResult> passwordPlace(HomeAmpSettings settings, Map<String, String> env) {
        Map<String, String> spring = settings.springProperties();
        String password = spring.get("spring.datasource.password");
        if (password == null || password.isEmpty()) {
            return java.util.Optional.of(CheckResult.warn("database password", "no password for spring.datasource.username is configured",
                    "set spring.datasource.password-file (a file of mode 0600) or SPRING_DATASOURCE_PASSWORD in /etc/homeamp/homeamp.env,"
                            + " unless pg_hba.conf lets this user in without one"));
        }
        if (spring.containsKey("spring.datasource.password-file") || password.equals(env.get("SPRING_DATASOURCE_PASSWORD"))) {
            return java.util.Optional.empty();
        }
        Path config = settings.configFile();
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> p = Files.getPosixFilePermissions(config);
            String fix = "move the password into spring.datasource.password-file (mode 0600) or SPRING_DATASOURCE_PASSWORD in"
                    + " /etc/homeamp/homeamp.env, or chmod 600 " + config;
            if (p.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)) {
                return java.util.Optional.of(CheckResult.fail("database password", config + " holds spring.datasource.password"
                        + " and every user of this host can read it", fix));
            }
            if (p.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)) {
                return java.util.Optional.of(CheckResult.warn("database password", config + " holds spring.datasource.password"
                        + " and its group can read it", fix));
            }
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }

    private static CheckResult schema(String url, String user, String password, String shown) {
        // the same locations as the application (spring.flyway.locations: db/migration and db/vendor/{vendor}),
        // so a migration of one database only (PostgreSQL's partition queue, V16) is known, not "newer"
        MigrationInfoService info = Flyway.configure().dataSource(url, user, password)
                .locations(SqlDialect.ofUrl(url).migrationLocations()).load().info();
        List<MigrationInfo> failed = Arrays.stream(info.all()).filter(m -> m.getState().isFailed()).toList();
        List<MigrationInfo> future = Arrays.stream(info.all()).filter(m -> m.getState().name().startsWith("FUTURE")).toList();
        MigrationInfo[] pending = info.pending();
        MigrationInfo current = info.current();
        String version = current == null ? "none" : "V" + current.getVersion();
        if (!failed.isEmpty()) {
            return CheckResult.fail("database", shown + ": migration " + describe(failed.get(0)) + " failed earlier",
                    "restore the database from backup, or remove the failed row from flyway_schema_history after fixing its cause");
        }
        if (!future.isEmpty()) {
            return CheckResult.fail("database", shown + " has schema " + describe(future.get(future.size() - 1))
                    + ", newer than this version of homeamp knows", "install the newer version again (docs/upgrading.md)");
        }
        if (pending.length > 0) {
            return CheckResult.warn("database", shown + " opens; schema " + version + ", " + pending.length
                    + " migration(s) of this version not applied yet (" + describe(pending[pending.length - 1]) + ")",
                    "none needed: the next run applies them (or run 'homeamp status' now)");
        }
        return CheckResult.ok("database", shown + " opens; schema " + version + " is current");
    }

    private static CheckResult lock(HomeAmpSettings settings) {
        java.util.Optional<String> holder;
        try {
            holder = RunLock.databaseHolderOf(settings);
        } catch (RuntimeException e) {
            holder = java.util.Optional.empty();
        }
        if (holder.isPresent()) {
            return CheckResult.warn("job-lock", "a homeamp job is running on this job database now (" + holder.get() + ")",
                    "none needed; another job waits until it ends ('homeamp status' shows it)");
        }
        return lock(settings.stateDir());
    }

    private static CheckResult lock(Path stateDir) {
        if (!Files.exists(stateDir.resolve("job.lock")) || !RunLock.isHeld(stateDir)) {
            return CheckResult.ok("job-lock", "no homeamp job holds " + stateDir + " now");
        }
        return CheckResult.warn("job-lock", "a homeamp job is running on " + stateDir + " now (" + RunLock.holder(stateDir) + ")",
                "none needed; another job waits until it ends ('homeamp status' shows it)");
    }

    /** Sizes of the newest update check's not yet staged updates, each file once. 0 before the first check. */
    private static long pendingDownloadBytes(Connection c) {
        String sql = "SELECT COALESCE(SUM(file_size), 0) FROM (SELECT DISTINCT plugin, latest, file_size FROM update_result"
                + " WHERE run_id = (SELECT MAX(run_id) FROM update_result) AND state = 'UPDATE_AVAILABLE'"
                + " AND staged NOT IN ('STAGED', 'UNVERIFIED') AND file_size IS NOT NULL) pending";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            // no update check has run against this schema yet
            return 0;
        }
    }

    private static String describe(MigrationInfo m) {
        return "V" + m.getVersion() + " " + m.getDescription();
    }

    private static String withoutCredentials(String url) {
        return url.replaceAll("(?i)(password|user)=[^;&]*", "$1=****");
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
