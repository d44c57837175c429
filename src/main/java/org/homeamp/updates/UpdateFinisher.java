package org.homeamp.updates;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.homeamp.batch.PlanOnce;
import org.homeamp.batch.RunGaps;
import org.homeamp.batch.StepSummary;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.updates.sources.SourceHttp;
import org.homeamp.batch.RunTasklet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Last update-check step: writes {@code updates.json}, marks the run complete (the download job stages
 * only completed checks), drops the work list and prints the summary.
 */
class UpdateFinisher extends RunTasklet {
    private static final Logger log = LoggerFactory.getLogger(UpdateFinisher.class);

    private final JdbcTemplate jdbc;
    private final HomeAmpSettings settings;
    private final UpdateInputs.PerExecution inputs;
    private final RunGaps gaps;

    UpdateFinisher(JdbcTemplate jdbc, HomeAmpSettings settings, UpdateInputs.PerExecution inputs, RunGaps gaps) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.inputs = inputs;
        this.gaps = gaps;
    }

    @Override
    protected RepeatStatus run(StepExecution step, long runId, LocalDate date) {
        Path json = UpdatesJsonWriter.FILE.write(jdbc, settings.stateDir().resolve("reports").resolve(date.toString()), runId, date);
        jdbc.update("UPDATE update_run SET completed_at = CURRENT_TIMESTAMP WHERE run_id = ?", runId);
        jdbc.update("DELETE FROM update_work WHERE run_id = ?", runId);
        jdbc.update("DELETE FROM update_checked WHERE run_id = ?", runId);
        PlanOnce.resolvePlanned(gaps, step, RunGaps.UPDATE_CHECK);
        summarize(runId, json, inputs.get(step.getJobExecutionId()).http().stats());
        return RepeatStatus.FINISHED;
    }

    private void summarize(long runId, Path json, SourceHttp.Stats stats) {
        List<Map<String, Object>> byState = jdbc.queryForList(
                "SELECT state, COUNT(*) AS n FROM update_result WHERE run_id = ? GROUP BY state ORDER BY n DESC, state", runId);
        log.info("updates: {}", StepSummary.counts(byState, "N", "STATE", "no plugins checked"));
        log.info("updates: {} requests to sources, {} answered 304 from the cache, {} retries", stats.requests(), stats.notModified(),
                stats.retries());
        List<Map<String, Object>> available = jdbc.queryForList("""
                SELECT plugin, installed, latest, COUNT(*) AS n FROM update_result WHERE run_id = ? AND state = 'UPDATE_AVAILABLE'
                 GROUP BY plugin, installed, latest ORDER BY LOWER(plugin), installed LIMIT 20""", runId);
        for (Map<String, Object> a : available) {
            log.info("updates: {} {} -> {} on {} instance(s)", a.get("PLUGIN"), a.get("INSTALLED"), a.get("LATEST"), a.get("N"));
        }
        log.info("updates: {}", json);
    }
}
