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
import org.homeamp.config.StateDatabase;
import org.homeamp.config.HomeAmpSettings;

/**
 * The job database: it opens, its schema matches this version of the tool (Flyway history: nothing
 * failed, nothing pending, nothing newer than this jar), and whether a job holds the state dir now.
 * Opens the database read-only in spirit: no migration is run, and an H2 file that does not exist
 * yet is not created.
 */
final class DatabaseCheck {

    /** What the check found, plus the bytes the pending downloads will stage (for the disk check). */
    record Outcome(List<CheckResult> results, long pendingDownloadBytes) {
    }

    private DatabaseCheck() {
    }

    static Outcome check(HomeAmpSettings settings) {
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

    private static CheckResult schema(String url, String user, String password, String shown) {
        MigrationInfoService info = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration")
                .load().info();
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
