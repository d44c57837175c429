package org.homeamp.staging;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.homeamp.batch.JobParams;
import org.homeamp.batch.PlanOnce;
import org.homeamp.batch.RunGaps;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.config.ServerSettings;
import org.homeamp.batch.RunTasklet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * First download step: picks the latest completed update check on or before the run's date and persists
 * one work item per distinct file to stage (plugin + version), however many instances want it. The check
 * run is kept in the job's execution context for the finish step. The staged file's name comes from
 * the URL ({@code update_result.file_name} is the installed jar's name, which the deploy replaces).
 * A restart completing a run whose update check missed servers stages just the files those servers
 * need now; a file already staged for another server is not fetched again ({@link PlanOnce}).
 */
class DownloadPlanner extends RunTasklet {
    static final String CHECK_RUN = "downloadCheckRun";
    private static final Logger log = LoggerFactory.getLogger(DownloadPlanner.class);

    private final JdbcTemplate jdbc;
    private final HomeAmpSettings settings;
    private final RunGaps gaps;

    DownloadPlanner(JdbcTemplate jdbc, HomeAmpSettings settings, RunGaps gaps) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.gaps = gaps;
    }

    @Override
    protected RepeatStatus run(StepExecution step, long runId, LocalDate date) {
        var jobContext = step.getJobExecution().getExecutionContext();
        Integer pending = jdbc.queryForObject("SELECT COUNT(*) FROM download_work WHERE run_id = ?", Integer.class, runId);
        List<String> filter = JobParams.servers(step.getJobParameters());
        List<String> selected = settings.servers().stream().map(ServerSettings::name).filter(s -> filter.isEmpty() || filter.contains(s)).toList();
        PlanOnce.Plan plan = PlanOnce.decide(gaps, step, RunGaps.DOWNLOAD, RunGaps.UPDATE_CHECK, jobContext.containsKey(CHECK_RUN),
                pending != null && pending > 0, selected);
        if (plan.mode() == PlanOnce.Mode.KEPT) {
            return RepeatStatus.FINISHED;
        }
        Long checkRun = plan.mode() == PlanOnce.Mode.COMPLETE ? Long.valueOf(jobContext.getLong(CHECK_RUN)) : jdbc.queryForObject("""
                SELECT MAX(run_id) FROM update_run WHERE completed_at IS NOT NULL
                   AND run_date = (SELECT MAX(run_date) FROM update_run WHERE completed_at IS NOT NULL AND run_date <= ?)""", Long.class, date);
        if (checkRun == null) {
            log.warn("download: no completed update check on or before {}; run homeamp run update-check first", date);
            return RepeatStatus.FINISHED;
        }
        jobContext.putLong(CHECK_RUN, checkRun);
        jdbc.update("DELETE FROM download_work WHERE run_id = ?", runId);
        String missingOnly = "";
        if (plan.mode() == PlanOnce.Mode.COMPLETE) {
            copyStagedStates(checkRun);
            missingOnly = " AND staged = 'NOT_STAGED'";
        }
        List<Object[]> work = new ArrayList<>();
        jdbc.query("""
                SELECT plugin, latest, CAST(NULL AS VARCHAR(512)), file_url, MIN(file_size), MIN(checksum), MIN(checksum_algorithm) FROM update_result
                 WHERE run_id = ? AND state = 'UPDATE_AVAILABLE' AND file_url IS NOT NULL AND latest IS NOT NULL""" + missingOnly + """

                 GROUP BY plugin, latest, file_url ORDER BY LOWER(plugin), plugin, latest, file_url""", rs -> {
            work.add(new Object[] {runId, work.size(), checkRun, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getObject(5), rs.getString(6), rs.getString(7)});
        }, checkRun);
        jdbc.batchUpdate("""
                INSERT INTO download_work (run_id, seq, check_run_id, plugin, version, file_name, file_url, file_size, checksum, checksum_algorithm)
                VALUES (?,?,?,?,?,?,?,?,?,?)""", work);
        log.info("download plan: {} files to stage from the update check of run {}", work.size(), checkRun);
        return RepeatStatus.FINISHED;
    }

    /** Rows added for servers the first attempt missed take the staging state their file already has. */
    private void copyStagedStates(long checkRun) {
        int copied = jdbc.update("""
                UPDATE update_result r SET (staged, staged_path) = (
                       SELECT MIN(d.staged), MIN(d.staged_path) FROM update_result d
                        WHERE d.run_id = r.run_id AND d.plugin = r.plugin AND d.latest = r.latest AND d.file_url = r.file_url
                          AND d.state = 'UPDATE_AVAILABLE' AND d.staged <> 'NOT_STAGED')
                 WHERE r.run_id = ? AND r.state = 'UPDATE_AVAILABLE' AND r.staged = 'NOT_STAGED'
                   AND EXISTS (SELECT 1 FROM update_result d WHERE d.run_id = r.run_id AND d.plugin = r.plugin AND d.latest = r.latest
                                  AND d.file_url = r.file_url AND d.state = 'UPDATE_AVAILABLE' AND d.staged <> 'NOT_STAGED')""", checkRun);
        log.info("download plan: {} results of the missing servers take the state of a file already staged", copied);
    }
}
