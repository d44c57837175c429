package org.homeamp.staging;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.homeamp.batch.PlanOnce;
import org.homeamp.batch.RunGaps;
import org.homeamp.batch.StepSummary;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.updates.UpdatesJsonWriter;
import org.homeamp.batch.RunTasklet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/** Last download step: rewrites the check's {@code updates.json} with the staging states and prints the summary. */
class DownloadFinisher extends RunTasklet {
    private static final Logger log = LoggerFactory.getLogger(DownloadFinisher.class);

    private final JdbcTemplate jdbc;
    private final HomeAmpSettings settings;
    private final RunGaps gaps;

    DownloadFinisher(JdbcTemplate jdbc, HomeAmpSettings settings, RunGaps gaps) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.gaps = gaps;
    }

    @Override
    protected RepeatStatus run(StepExecution step, long runId, LocalDate date) {
        var jobContext = step.getJobExecution().getExecutionContext();
        if (!jobContext.containsKey(DownloadPlanner.CHECK_RUN)) {
            return RepeatStatus.FINISHED;
        }
        long checkRun = jobContext.getLong(DownloadPlanner.CHECK_RUN);
        LocalDate checkDate = jdbc.queryForObject("SELECT run_date FROM update_run WHERE run_id = ?", LocalDate.class, checkRun);
        Path json = UpdatesJsonWriter.FILE.write(jdbc, settings.stateDir().resolve("reports").resolve(checkDate.toString()), checkRun, checkDate);
        jdbc.update("DELETE FROM download_work WHERE run_id = ?", runId);
        PlanOnce.resolvePlanned(gaps, step, RunGaps.DOWNLOAD);
        List<Map<String, Object>> byState = jdbc.queryForList("""
                SELECT staged, COUNT(DISTINCT plugin || '|' || latest) AS n FROM update_result
                 WHERE run_id = ? AND state = 'UPDATE_AVAILABLE' GROUP BY staged ORDER BY staged""", checkRun);
        log.info("download: {} (files); staging folder {}", StepSummary.counts(byState, "N", "STAGED", "nothing to stage"),
                settings.stateDir().resolve("staging"));
        log.info("download: {}", json);
        return RepeatStatus.FINISHED;
    }
}
