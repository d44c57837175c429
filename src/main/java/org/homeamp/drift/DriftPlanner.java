package org.homeamp.drift;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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
 * First drift step: validates rules, baselines and variables, then persists the run's work list:
 * every current instance of the inventory (from discovery) × every file its baselines expect. The
 * list is written once per run; a restart keeps it, since resumed partitions count positions in it.
 * A server whose discovery is missing is not scanned (a gap of the run); a restart completing the
 * run plans just those servers ({@link PlanOnce}).
 */
class DriftPlanner extends RunTasklet {
    private static final Logger log = LoggerFactory.getLogger(DriftPlanner.class);

    private final HomeAmpSettings settings;
    private final DriftInputs.PerExecution inputs;
    private final JdbcTemplate jdbc;
    private final RunGaps gaps;

    DriftPlanner(HomeAmpSettings settings, DriftInputs.PerExecution inputs, JdbcTemplate jdbc, RunGaps gaps) {
        this.settings = settings;
        this.inputs = inputs;
        this.jdbc = jdbc;
        this.gaps = gaps;
    }

    @Override
    protected RepeatStatus run(StepExecution step, long runId, LocalDate date) {
        Integer planned = jdbc.queryForObject("SELECT COUNT(*) FROM drift_run WHERE run_id = ?", Integer.class, runId);
        Integer pending = jdbc.queryForObject("SELECT COUNT(*) FROM drift_work WHERE run_id = ?", Integer.class, runId);
        List<String> selected = settings.servers().stream().map(ServerSettings::name)
                .filter(s -> JobParams.servers(step.getJobParameters()).isEmpty() || JobParams.servers(step.getJobParameters()).contains(s))
                .toList();
        PlanOnce.Plan plan = PlanOnce.decide(gaps, step, RunGaps.DRIFT_SCAN, RunGaps.DISCOVERY, planned != null && planned > 0,
                pending != null && pending > 0, selected);
        if (!plan.plans() && plan.mode() != PlanOnce.Mode.FIRST) {
            return RepeatStatus.FINISHED;
        }
        List<String> servers = plan.servers();
        int instances = 0;
        int files = 0;
        for (String server : servers) {
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "SELECT instance_name, instance_id FROM instance WHERE server = ? AND removed_on IS NULL ORDER BY instance_name", server);
            for (Map<String, Object> row : rows) {
                String instance = (String) row.get("INSTANCE_NAME");
                TreeSet<String> plugins = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
                plugins.addAll(jdbc.queryForList("""
                        SELECT DISTINCT plugin_name FROM plugin_jar
                         WHERE server = ? AND instance_name = ? AND removed_on IS NULL AND status = 'OK' AND plugin_name IS NOT NULL""",
                        String.class, server, instance));
                List<Object[]> work = new ArrayList<>();
                for (String file : new TreeSet<>(inputs.get(step.getJobExecutionId()).expectedFor(server, instance, plugins).keySet())) {
                    work.add(new Object[] {runId, server, instance, file});
                }
                jdbc.batchUpdate("INSERT INTO drift_work (run_id, server, instance_name, file) VALUES (?,?,?,?)", work);
                jdbc.update("INSERT INTO drift_target (run_id, server, instance_name, instance_id) VALUES (?,?,?,?)",
                        runId, server, instance, row.get("INSTANCE_ID"));
                instances++;
                files += work.size();
            }
        }
        if (plan.mode() == PlanOnce.Mode.FIRST) {
            jdbc.update("INSERT INTO drift_run (run_id, run_date) VALUES (?,?)", runId, date);
        }
        if (instances == 0) {
            log.warn("drift plan: the inventory has no instances; run discovery first (homeamp run discovery)");
        }
        log.info("drift plan: {} instances, {} expected files to compare", instances, files);
        return RepeatStatus.FINISHED;
    }
}
