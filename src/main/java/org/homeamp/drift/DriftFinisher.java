package org.homeamp.drift;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.homeamp.batch.PlanOnce;
import org.homeamp.batch.RunGaps;
import org.homeamp.batch.StepSummary;
import org.homeamp.batch.Problems;
import org.homeamp.batch.Problems.Problem;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.batch.RunTasklet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Last drift step: findings of the previous scan that are gone now are stored as RESOLVED, expired
 * ignore rules are listed as problems, {@code drift.json} is written and the summary printed. The
 * run becomes the "previous" one for the next scan only here, when it is complete.
 */
class DriftFinisher extends RunTasklet {
    private static final Logger log = LoggerFactory.getLogger(DriftFinisher.class);

    private final JdbcTemplate jdbc;
    private final HomeAmpSettings settings;
    private final DriftInputs.PerExecution inputs;
    private final Problems problems;
    private final RunGaps gaps;

    DriftFinisher(JdbcTemplate jdbc, HomeAmpSettings settings, DriftInputs.PerExecution inputs, Problems problems, RunGaps gaps) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.inputs = inputs;
        this.problems = problems;
        this.gaps = gaps;
    }

    @Override
    protected RepeatStatus run(StepExecution step, long runId, LocalDate date) {

        jdbc.update("DELETE FROM drift_finding WHERE run_id = ? AND state = 'RESOLVED'", runId);
        for (Map<String, Object> t : jdbc.queryForList("SELECT server, instance_name FROM drift_target WHERE run_id = ?", runId)) {
            String server = (String) t.get("SERVER");
            String instance = (String) t.get("INSTANCE_NAME");
            Long prev = FindingWriter.previousRun(jdbc, runId, server, instance);
            if (prev == null) {
                continue;
            }
            jdbc.update("""
                    INSERT INTO drift_finding (run_id, run_date, finding_id, server, instance_name, file, key_path, kind, expected, actual,
                        line_no, col_no, message, state, first_seen)
                    SELECT ?, ?, p.finding_id, p.server, p.instance_name, p.file, p.key_path, p.kind, p.expected, p.actual,
                           p.line_no, p.col_no, p.message, 'RESOLVED', p.first_seen
                      FROM drift_finding p
                     WHERE p.run_id = ? AND p.server = ? AND p.instance_name = ? AND p.state <> 'RESOLVED'
                       AND NOT EXISTS (SELECT 1 FROM drift_finding c WHERE c.run_id = ? AND c.finding_id = p.finding_id)""",
                    runId, date, prev, server, instance, runId);
        }
        problems.forget(runId, FindingWriter.JOB, List.of("EXPIRED_RULE"));
        for (String expired : inputs.get(step.getJobExecutionId()).rules().expiredRules(date)) {
            problems.record(runId, date, FindingWriter.JOB, new Problem(null, null, "baselines/rules.yml", "EXPIRED_RULE", expired));
        }
        Path json = DriftJsonWriter.FILE.write(jdbc, settings.stateDir().resolve("reports").resolve(date.toString()), runId, date);
        jdbc.update("UPDATE drift_run SET completed_at = CURRENT_TIMESTAMP WHERE run_id = ?", runId);
        jdbc.update("DELETE FROM drift_work WHERE run_id = ?", runId);
        PlanOnce.resolvePlanned(gaps, step, RunGaps.DRIFT_SCAN);
        summarize(runId, json);
        return RepeatStatus.FINISHED;
    }

    private void summarize(long runId, Path json) {
        List<Map<String, Object>> byKind = jdbc.queryForList(
                "SELECT kind, COUNT(*) AS n FROM drift_finding WHERE run_id = ? AND state <> 'RESOLVED' GROUP BY kind ORDER BY n DESC", runId);
        Map<String, Object> states = jdbc.queryForMap("""
                SELECT SUM(CASE WHEN state = 'NEW' THEN 1 ELSE 0 END) AS new_count, SUM(CASE WHEN state = 'OPEN' THEN 1 ELSE 0 END) AS open_count,
                       SUM(CASE WHEN state = 'RESOLVED' THEN 1 ELSE 0 END) AS resolved_count FROM drift_finding WHERE run_id = ?""", runId);
        List<Map<String, Object>> top = jdbc.queryForList("""
                SELECT server, instance_name, COUNT(*) AS n FROM drift_finding WHERE run_id = ? AND state <> 'RESOLVED'
                 GROUP BY server, instance_name ORDER BY n DESC, server, instance_name LIMIT 5""", runId);
        StringBuilder tops = new StringBuilder();
        top.forEach(t -> tops.append(tops.isEmpty() ? "" : ", ").append(t.get("SERVER")).append('/').append(t.get("INSTANCE_NAME"))
                .append(" (").append(t.get("N")).append(')'));
        log.info("drift: {} new, {} open, {} resolved; by kind: {}", nz(states.get("NEW_COUNT")), nz(states.get("OPEN_COUNT")),
                nz(states.get("RESOLVED_COUNT")), StepSummary.counts(byKind, "N", "KIND", "none"));
        if (!tops.isEmpty()) {
            log.info("drift: most findings on {}", tops);
        }
        log.info("drift: {}", json);
    }

    private static Object nz(Object o) {
        return o == null ? 0 : o;
    }
}
