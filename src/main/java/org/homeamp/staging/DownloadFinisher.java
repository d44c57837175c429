package org.homeamp.staging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.homeamp.config.HomeAmpSettings;
import org.homeamp.updates.UpdatesJsonWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/** Last download step: rewrites the check's {@code updates.json} with the staging states and prints the summary. */
class DownloadFinisher implements Tasklet {
    private static final Logger log = LoggerFactory.getLogger(DownloadFinisher.class);

    private final JdbcTemplate jdbc;
    private final HomeAmpSettings settings;

    DownloadFinisher(JdbcTemplate jdbc, HomeAmpSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        long runId = step.getJobExecution().getJobInstance().getInstanceId();
        var jobContext = step.getJobExecution().getExecutionContext();
        if (!jobContext.containsKey(DownloadPlanner.CHECK_RUN)) {
            return RepeatStatus.FINISHED;
        }
        long checkRun = jobContext.getLong(DownloadPlanner.CHECK_RUN);
        LocalDate checkDate = jdbc.queryForObject("SELECT run_date FROM update_run WHERE run_id = ?", LocalDate.class, checkRun);
        Path json;
        try {
            json = new UpdatesJsonWriter(jdbc).write(settings.stateDir().resolve("reports").resolve(checkDate.toString()), checkRun, checkDate);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write updates.json under " + settings.stateDir().resolve("reports") + ": " + e.getMessage()
                    + ". Fix: check free disk space and permissions, then run homeamp restart", e);
        }
        jdbc.update("DELETE FROM download_work WHERE run_id = ?", runId);
        List<Map<String, Object>> byState = jdbc.queryForList("""
                SELECT staged, COUNT(DISTINCT plugin || '|' || latest) AS n FROM update_result
                 WHERE run_id = ? AND state = 'UPDATE_AVAILABLE' GROUP BY staged ORDER BY staged""", checkRun);
        StringBuilder states = new StringBuilder();
        byState.forEach(s -> states.append(states.isEmpty() ? "" : ", ").append(s.get("N")).append(' ').append(s.get("STAGED")));
        log.info("download: {} (files); staging folder {}", states.isEmpty() ? "nothing to stage" : states,
                settings.stateDir().resolve("staging"));
        log.info("download: {}", json);
        return RepeatStatus.FINISHED;
    }
}
