package org.homeamp.batch;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Work a run could not do for one server (table {@code run_gap}, one row per run date, server and
 * step): an unreachable AMP host does not stop the night for the others (SPEC §11 "Faults"). The
 * report and the mail read the open gaps to say what is missing; {@code homeamp restart} redoes just
 * that work and closes them ({@code resolved_at}).
 *
 * <p>Registered as a listener on every job that can leave gaps: a job execution that starts while
 * its date has open gaps is a completing restart, and every step wrapped with {@link #redoable}
 * runs again (completed partitions are still skipped, and each planner plans only the missing
 * servers, see {@link PlanOnce}).
 */
@Component
public class RunGaps implements JobExecutionListener {
    /** The {@code step} values of {@code run_gap}: the kinds of per-server work a run can miss. */
    public static final String DISCOVERY = JobNames.DISCOVERY;
    public static final String DRIFT_SCAN = JobNames.DRIFT_SCAN;
    public static final String UPDATE_CHECK = JobNames.UPDATE_CHECK;
    public static final String DOWNLOAD = JobNames.DOWNLOAD;

    private static final Logger log = LoggerFactory.getLogger(RunGaps.class);

    /** One open gap. */
    public record Gap(LocalDate date, String server, String step, String reason) {
    }

    private final JdbcTemplate jdbc;
    /** Only one job runs per process (the run lock), so one flag for the job running now is enough. */
    private volatile boolean completing;

    public RunGaps(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records (or re-opens, with the new reason) that {@code step} could not be done for {@code server}. */
    public void record(LocalDate date, String server, String step, String reason) {
        OffsetDateTime now = OffsetDateTime.now();
        int updated = jdbc.update("UPDATE run_gap SET reason = ?, recorded_at = ?, resolved_at = NULL WHERE run_date = ? AND server = ? AND step = ?",
                cut(reason), now, date, server, step);
        if (updated == 0) {
            jdbc.update("INSERT INTO run_gap (run_date, server, step, reason, recorded_at) VALUES (?,?,?,?,?)", date, server, step, cut(reason), now);
        }
        log.warn("run of {}: {} not done for server {}: {}", date, step, server, reason);
    }

    /** Closes the open gaps of {@code step} for these servers: their work is done now. */
    public void resolve(LocalDate date, Collection<String> servers, String step) {
        for (String server : servers) {
            if (jdbc.update("UPDATE run_gap SET resolved_at = ? WHERE run_date = ? AND server = ? AND step = ? AND resolved_at IS NULL",
                    OffsetDateTime.now(), date, server, step) > 0) {
                log.info("{} for {}: the missing work of server {} is done now", step, date, server);
            }
        }
    }

    /** Open gaps of a run date, by server and step order. */
    public List<Gap> open(LocalDate date) {
        return jdbc.query("""
                SELECT run_date, server, step, reason FROM run_gap WHERE run_date = ? AND resolved_at IS NULL
                 ORDER BY server, CASE step WHEN 'discovery' THEN 1 WHEN 'drift-scan' THEN 2 WHEN 'update-check' THEN 3 ELSE 4 END""",
                (rs, i) -> new Gap(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3), rs.getString(4)), date);
    }

    /** Servers with an open gap for {@code step}. */
    public Set<String> openServers(LocalDate date, String step) {
        return new LinkedHashSet<>(jdbc.queryForList(
                "SELECT server FROM run_gap WHERE run_date = ? AND step = ? AND resolved_at IS NULL ORDER BY server", String.class, date, step));
    }

    /** The reason of an open gap, or null. */
    public String reason(LocalDate date, String server, String step) {
        List<String> r = jdbc.queryForList("SELECT reason FROM run_gap WHERE run_date = ? AND server = ? AND step = ? AND resolved_at IS NULL",
                String.class, date, server, step);
        return r.isEmpty() ? null : r.get(0);
    }

    @Override
    public void beforeJob(JobExecution execution) {
        LocalDate date = JobParams.date(execution.getJobParameters());
        completing = date != null && !open(date).isEmpty();
        if (completing) {
            log.info("{} for {}: the run has open gaps; the steps run again for the missing servers only", execution.getJobInstance().getJobName(),
                    date);
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        completing = false;
    }

    /**
     * The step, run again on a restart while the run has open gaps (and otherwise as configured):
     * what it finished before is kept, so running it again does only the missing servers' work.
     */
    public Step redoable(Step step) {
        return new Step() {
            @Override
            public String getName() {
                return step.getName();
            }

            @Override
            public boolean isAllowStartIfComplete() {
                return completing || step.isAllowStartIfComplete();
            }

            @Override
            public int getStartLimit() {
                return step.getStartLimit();
            }

            @Override
            public void execute(StepExecution stepExecution) throws JobInterruptedException {
                step.execute(stepExecution);
            }
        };
    }

    private static String cut(String s) {
        return s.length() <= 4000 ? s : s.substring(0, 3999) + "…";
    }
}
