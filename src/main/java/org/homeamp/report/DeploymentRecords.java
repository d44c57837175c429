package org.homeamp.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The deployments and rollbacks as the report pages show them, read from the tables of V12
 * ({@code deployment}, {@code deployment_row}, {@code deployment_instance}, {@code deployment_file}).
 *
 * <p>The report reads these tables itself instead of using the {@code deploy} package: {@code deploy}
 * calls into the report when a deployment finishes ({@link ReportRootPages#afterDeployment}), so the
 * report may not depend on {@code deploy} (no cycles between packages, see ArchitectureTest).
 * Values are never read: a row shows its Change ID, file, setting, hashes, result and reason (whose
 * values the deploy already wrote as fingerprints for secrets), never Current or Proposed.
 */
public final class DeploymentRecords {
    private final JdbcTemplate jdbc;
    private final ZoneId zone;

    public DeploymentRecords(JdbcTemplate jdbc, ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    /**
     * One line of {@code deployments.html}.
     *
     * @param undoes       for a rollback, the deployment it undid
     * @param rolledBackBy for a deployment, the newest rollback of it (null when none)
     * @param instances    {@code server/instance} labels
     * @param result       {@code ok}, {@code rolled back}, {@code with refusals}, {@code with failures}, {@code failed (restartable)}, {@code running}
     * @param resultClass  {@code ok}, {@code warn} or {@code bad}, for the page's colours
     */
    public record Entry(String id, boolean rollback, String undoes, String rolledBackBy, String rolledBackByResult, boolean forced, String plan,
            String started, String finished, Instant finishedAt, String runBy, List<String> instances, long applied, long refused, long failed,
            long rolledBack, String result, String resultClass) {
    }

    /** One instance of a deployment: its result in words, the health-check or failure reason, its restarts and its files. */
    public record InstanceResult(String label, String result, String resultClass, int restarts, String reason, List<FileChange> files) {
    }

    /** One file of an instance's manifest: what the deployment did to it, sha256 before and after (abbreviated and in full). */
    public record FileChange(String path, String action, String before, String beforeFull, String after, String afterFull) {
    }

    /** One approved (or refused) workbook row of a deployment. */
    public record RowResult(String changeId, int rowNumber, String instance, String type, String file, String setting, String approvedBy,
            String before, String beforeFull, String after, String afterFull, String result, String resultClass, String reason) {
    }

    /** A deployment with its instances and rows, for {@code deployments/<ID>.html}. */
    public record Detail(Entry entry, List<InstanceResult> instances, List<RowResult> rows) {
    }

    /** Every deployment and rollback, newest first. */
    public List<Entry> all() {
        Map<String, String[]> rollbacks = new HashMap<>();
        List<Raw> raws = jdbc.query("SELECT * FROM deployment ORDER BY started DESC, deployment_id DESC", DeploymentRecords::raw);
        // raws are newest first: the first rollback seen for a deployment is its newest
        for (Raw r : raws) {
            if (r.rollback() && r.undoes() != null) {
                rollbacks.putIfAbsent(r.undoes(), new String[] {r.id(), r.result()});
            }
        }
        Map<String, Counts> counts = counts();
        Map<String, List<String>> instances = instanceLabels();
        List<Entry> out = new ArrayList<>();
        for (Raw r : raws) {
            out.add(entry(r, counts.getOrDefault(r.id(), new Counts()), instances.getOrDefault(r.id(), List.of()), rollbacks.get(r.id())));
        }
        return out;
    }

    /** The deployments and rollbacks that finished after {@code after} (any time when null) and no later than {@code until}. */
    public List<Entry> finishedBetween(Instant after, Instant until) {
        return all().stream()
                .filter(e -> e.finishedAt() != null && (after == null || e.finishedAt().isAfter(after)) && !e.finishedAt().isAfter(until))
                .toList();
    }

    /** One deployment in full. */
    public Detail detail(Entry entry) {
        String id = entry.id();
        List<RowResult> rows = new ArrayList<>();
        Map<String, List<String>> rowResults = new HashMap<>();
        jdbc.query("SELECT * FROM deployment_row WHERE deployment_id = ? ORDER BY position", rs -> {
            String server = rs.getString("server");
            String label = server == null ? "" : server + "/" + rs.getString("instance_name");
            String result = rs.getString("result");
            rowResults.computeIfAbsent(label, k -> new ArrayList<>()).add(result);
            String before = rs.getString("sha256_before");
            String after = rs.getString("sha256_after");
            rows.add(new RowResult(rs.getString("change_id"), rs.getInt("row_number"), label, rs.getString("type"), rs.getString("file"),
                    rs.getString("setting"), rs.getString("approved_by"), abbrev(before), before, abbrev(after), after,
                    rowWord(result, entry.rollback()), rowClass(result), rs.getString("reason")));
        }, id);
        Map<String, List<FileChange>> files = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM deployment_file WHERE deployment_id = ? ORDER BY server, instance_name, path", rs -> {
            String before = rs.getString("sha256_before");
            String after = rs.getString("sha256_after");
            files.computeIfAbsent(rs.getString("server") + "/" + rs.getString("instance_name"), k -> new ArrayList<>())
                    .add(new FileChange(rs.getString("path"), actionWord(rs.getString("action")), abbrev(before), before, abbrev(after), after));
        }, id);
        List<InstanceResult> instances = new ArrayList<>();
        String deploymentResult = jdbc.queryForObject("SELECT result FROM deployment WHERE deployment_id = ?", String.class, id);
        jdbc.query("SELECT * FROM deployment_instance WHERE deployment_id = ? ORDER BY server, instance_name", rs -> {
            String label = rs.getString("server") + "/" + rs.getString("instance_name");
            String state = rs.getString("state");
            boolean failedRows = rowResults.getOrDefault(label, List.of()).contains("FAILED");
            String[] word = instanceWord(state, failedRows, entry.rollback(), deploymentResult);
            instances.add(new InstanceResult(label, word[0], word[1], rs.getInt("restarts"), rs.getString("reason"),
                    files.getOrDefault(label, List.of())));
        }, id);
        return new Detail(entry, instances, rows);
    }

    /**
     * When the report of the newest run before {@code date} was written (its plan's creation); empty when there is none.
     * Runs are told apart by the plan id, which starts with the run's date ({@code Plan.newPlanId}); the plan's
     * {@code run_date} column is the UTC day the plan was made, not the run's business date.
     */
    public Optional<Instant> previousRunAt(LocalDate date) {
        return Optional.ofNullable(jdbc.queryForObject("SELECT MAX(created) FROM plan WHERE LEFT(plan_id, 10) < ?", OffsetDateTime.class,
                date.toString())).map(OffsetDateTime::toInstant);
    }

    /** When the report of the first run after {@code date} was written; empty when there is none (the usual case: this is the newest run). */
    public Optional<Instant> nextRunAt(LocalDate date) {
        return Optional.ofNullable(jdbc.queryForObject("SELECT MIN(created) FROM plan WHERE LEFT(plan_id, 10) > ?", OffsetDateTime.class,
                date.toString())).map(OffsetDateTime::toInstant);
    }

    // ------------------------------------------------------------------ reading

    private record Raw(String id, boolean rollback, String undoes, boolean forced, String plan, String runBy, OffsetDateTime started,
            OffsetDateTime finished, String result) {
    }

    private static final class Counts {
        long applied;
        long refused;
        long failed;
        long rolledBack;
    }

    private static Raw raw(ResultSet rs, int i) throws SQLException {
        return new Raw(rs.getString("deployment_id"), "rollback".equals(rs.getString("kind")), rs.getString("undoes"), rs.getBoolean("forced"),
                rs.getString("plan_id"), rs.getString("run_by"), rs.getObject("started", OffsetDateTime.class),
                rs.getObject("finished", OffsetDateTime.class), rs.getString("result"));
    }

    private Map<String, Counts> counts() {
        Map<String, Counts> out = new HashMap<>();
        jdbc.query("SELECT deployment_id, result, COUNT(*) FROM deployment_row GROUP BY deployment_id, result", rs -> {
            Counts c = out.computeIfAbsent(rs.getString(1), k -> new Counts());
            long n = rs.getLong(3);
            switch (rs.getString(2)) {
                case "APPLIED" -> c.applied += n;
                case "REFUSED" -> c.refused += n;
                case "FAILED" -> c.failed += n;
                case "ROLLED_BACK" -> c.rolledBack += n;
                default -> {
                    // PENDING: not counted, the deployment is still running or was stopped
                }
            }
        });
        return out;
    }

    private Map<String, List<String>> instanceLabels() {
        Map<String, List<String>> out = new HashMap<>();
        jdbc.query("SELECT deployment_id, server, instance_name FROM deployment_instance ORDER BY deployment_id, server, instance_name",
                rs -> {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2) + "/" + rs.getString(3));
                });
        return out;
    }

    private Entry entry(Raw r, Counts c, List<String> instances, String[] rollback) {
        String[] word = resultWord(r.result(), c);
        return new Entry(r.id(), r.rollback(), r.undoes(), rollback == null ? null : rollback[0],
                rollback == null ? null : resultWord(rollback[1], new Counts())[0], r.forced(), r.plan(),
                time(r.started()), time(r.finished()), r.finished() == null ? null : r.finished().toInstant(), r.runBy(), instances,
                c.applied, c.refused, c.failed, c.rolledBack, word[0], word[1]);
    }

    // ------------------------------------------------------------------ words

    /** The result of a deployment as {@code homeamp history} words it, with the problem named when there was one. */
    private static String[] resultWord(String result, Counts c) {
        return switch (result) {
            case "COMPLETED" -> new String[] {"ok", "ok"};
            case "COMPLETED_WITH_PROBLEMS" -> c.rolledBack > 0 ? new String[] {"rolled back", "bad"}
                    : c.refused > 0 ? new String[] {"with refusals", "warn"}
                    : c.failed > 0 ? new String[] {"with failures", "bad"}
                    : new String[] {"with problems", "warn"};
            case "FAILED" -> new String[] {"failed (restartable)", "bad"};
            default -> new String[] {"running", "warn"};
        };
    }

    private static String rowWord(String result, boolean rollback) {
        return switch (result) {
            case "APPLIED" -> rollback ? "restored" : "applied";
            case "ROLLED_BACK" -> "rolled back";
            default -> result.toLowerCase(Locale.ROOT);
        };
    }

    private static String rowClass(String result) {
        return switch (result) {
            case "APPLIED" -> "ok";
            case "REFUSED", "PENDING" -> "warn";
            default -> "bad";
        };
    }

    /** An instance's end state in words: applied, rolled back (with the health-check reason beside it), failed, not changed, unfinished. */
    private static String[] instanceWord(String state, boolean failedRows, boolean rollback, String deploymentResult) {
        return switch (state) {
            case "HEALTHY" -> new String[] {rollback ? "restored, healthy" : "applied, healthy", "ok"};
            case "ROLLED_BACK" -> new String[] {"rolled back after a failed health check", "bad"};
            case "ROLLBACK_UNHEALTHY" -> new String[] {rollback ? "restored, but not healthy" : "rolled back, still not healthy", "bad"};
            case "NOT_CHANGED" -> failedRows ? new String[] {"failed, nothing changed", "bad"} : new String[] {"not changed", "warn"};
            default -> "FAILED".equals(deploymentResult)
                    ? new String[] {"stopped (" + state.toLowerCase(Locale.ROOT).replace('_', ' ') + "): run homeamp restart", "bad"}
                    : new String[] {"in progress (" + state.toLowerCase(Locale.ROOT).replace('_', ' ') + ")", "warn"};
        };
    }

    private static String actionWord(String action) {
        return switch (action) {
            case "EDIT" -> "edited";
            case "CREATE" -> "created";
            case "ADD_JAR" -> "jar added";
            case "REMOVE_JAR" -> "jar removed";
            case "RESTORE" -> "restored";
            case "DELETE" -> "removed";
            default -> action.toLowerCase(Locale.ROOT);
        };
    }

    private String time(OffsetDateTime t) {
        return t == null ? "" : ShownTime.format(t.toInstant(), zone);
    }

    private static String abbrev(String sha) {
        return sha == null ? "(absent)" : sha.substring(0, Math.min(12, sha.length()));
    }
}
