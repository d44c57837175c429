package org.homeamp.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.homeamp.approval.UpdateResultRow;
import org.homeamp.drift.FindingKind;
import org.homeamp.drift.FindingQueries;
import org.homeamp.drift.FindingState;
import org.homeamp.drift.StoredFinding;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a run's report and mail show, read from the tool's tables: drift findings, problems, update
 * results, inventory counts and the trend over earlier runs.
 *
 * <p>A report belongs to a run (job instance) and a date. Inside {@code nightly} the drift scan and
 * the report share the run id. A separate {@code homeamp run report} has a run of its own, so it shows
 * the newest completed drift scan of its date. Problems are read per job as the newest run of the
 * date, so a discovery run twice on one day is not listed twice.
 */
public final class ReportQueries {
    /** Runs shown in the trend chart. */
    static final int TREND_RUNS = 30;

    private final JdbcTemplate jdbc;
    private final UpdateResults updates;
    private final FindingQueries findings;
    private final RunGaps gaps;
    private final ServerRouting routing;

    public ReportQueries(JdbcTemplate jdbc, UpdateResults updates, JobRepository repository) {
        this.jdbc = jdbc;
        this.updates = updates;
        this.findings = new FindingQueries(jdbc);
        this.gaps = new RunGaps(jdbc);
        this.routing = new ServerRouting(jdbc, repository);
    }

    /** Where the servers of a date's scans were read, when workers took part (PostgreSQL, D-W2). */
    public ServerRouting routing() {
        return routing;
    }

    /** Work the runs of a date could not do (table {@code run_gap}). */
    public RunGaps gaps() {
        return gaps;
    }

    /** Stored problems of the date plus the unparseable files among {@code findings}. */
    List<ProblemRow> problems(LocalDate date, List<StoredFinding> findings) {
        List<ProblemRow> rows = new ArrayList<>(jdbc.query("""
                SELECT p.job, p.server, p.instance_name, p.path, p.kind, p.message FROM problem p
                 WHERE p.run_date = ? AND p.run_id = (SELECT MAX(q.run_id) FROM problem q WHERE q.run_date = p.run_date AND q.job = p.job)
                 ORDER BY p.server, p.instance_name, p.path, p.kind, p.id""",
                (rs, i) -> new ProblemRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)),
                date));
        for (StoredFinding f : findings) {
            if (f.kind() == FindingKind.UNPARSEABLE && !f.resolved()) {
                String at = f.line() == null ? "" : "line " + f.line() + (f.column() == null ? "" : ", column " + f.column()) + ": ";
                rows.add(new ProblemRow("drift-scan", f.server(), f.instance(), f.file(), "UNPARSEABLE", at + (f.message() == null ? "" : f.message())));
            }
        }
        return rows;
    }

    /** Whether update results exist at all (the update jobs have run on this database). */
    boolean updatesChecked() {
        return updates.available();
    }

    public List<UpdateResultRow> updates(long runId, LocalDate date) {
        return updates.rows(runId, date);
    }

    /** The findings a report of {@code runId} shows, resolved ones included. */
    public List<StoredFinding> findings(long runId, LocalDate date) {
        return findings.ofRun(findings.driftRun(runId, date));
    }

    /** The rows of problems.html for {@code runId}. */
    public List<ProblemRow> problems(long runId, LocalDate date) {
        return problems(date, findings(runId, date));
    }

    /** The counts of a run, as the report step showed them and the mail tells them. */
    public ReportSummary summary(long runId, LocalDate date) {
        List<StoredFinding> found = findings(runId, date);
        return summary(runId, date, found, problems(date, found), updates(runId, date));
    }

    ReportSummary summary(long runId, LocalDate date, List<StoredFinding> findings, List<ProblemRow> problems, List<UpdateResultRow> updateRows) {
        long instances = count("""
                SELECT COUNT(*) FROM instance WHERE first_seen <= ? AND (removed_on IS NULL OR removed_on > ?)""", date, date);
        long jars = count("""
                SELECT COUNT(*) FROM plugin_jar WHERE first_seen <= ? AND (removed_on IS NULL OR removed_on > ?)""", date, date);
        return new ReportSummary(date, runId, instances, jars, state(findings, FindingState.NEW), state(findings, FindingState.OPEN),
                state(findings, FindingState.RESOLVED),
                updateRows.stream().filter(UpdateResultRow::pending).count(), problems.size());
    }

    /** Drift and pending updates of the last {@link #TREND_RUNS} dates up to {@code date}, oldest first. */
    List<TrendChart.Point> trend(LocalDate date) {
        Map<LocalDate, Long> runs = new LinkedHashMap<>();
        jdbc.query("""
                SELECT run_date, MAX(run_id) FROM drift_run WHERE completed_at IS NOT NULL AND run_date <= ?
                 GROUP BY run_date ORDER BY run_date DESC LIMIT ?""",
                rs -> {
                    runs.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
                }, date, TREND_RUNS);
        List<TrendChart.Point> points = new ArrayList<>();
        runs.forEach((day, run) -> {
            StateCounts c = jdbc.queryForObject("""
                    SELECT COALESCE(SUM(CASE WHEN state = 'NEW' THEN 1 ELSE 0 END), 0),
                           COALESCE(SUM(CASE WHEN state = 'OPEN' THEN 1 ELSE 0 END), 0),
                           COALESCE(SUM(CASE WHEN state = 'RESOLVED' THEN 1 ELSE 0 END), 0)
                      FROM drift_finding WHERE run_id = ?""", (rs, i) -> new StateCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3)), run);
            points.add(0, new TrendChart.Point(day, c.newDrift(), c.openDrift(), c.resolvedDrift(), updates.pendingOn(day)));
        });
        return points;
    }

    /** Findings of one drift run per state. */
    private record StateCounts(long newDrift, long openDrift, long resolvedDrift) {
    }

    private static long state(List<StoredFinding> findings, FindingState state) {
        return findings.stream().filter(f -> f.state() == state).count();
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

}
