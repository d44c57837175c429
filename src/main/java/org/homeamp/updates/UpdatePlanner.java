package org.homeamp.updates;

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
 * First update-check step: validates the registry (a broken one fails the run before any request),
 * then persists the work list: one row per distinct current jar (plugin name + sha256) of the
 * inventory, spread round-robin over as many partitions as the configured parallelism. The list
 * is written once per run; a restart keeps it, since resumed partitions count positions in it.
 * The jars of a server whose discovery is missing are not checked (a gap of the run); a restart
 * completing the run plans the jars of just those servers ({@link PlanOnce}).
 */
class UpdatePlanner extends RunTasklet {
    private static final Logger log = LoggerFactory.getLogger(UpdatePlanner.class);
    /** Job context key: how many times the run planned missing servers after its first plan. */
    static final String ROUND = "updatePlan.round";

    private final HomeAmpSettings settings;
    private final UpdateInputs.PerExecution inputs;
    private final JdbcTemplate jdbc;
    private final RunGaps gaps;

    UpdatePlanner(HomeAmpSettings settings, UpdateInputs.PerExecution inputs, JdbcTemplate jdbc, RunGaps gaps) {
        this.settings = settings;
        this.inputs = inputs;
        this.jdbc = jdbc;
        this.gaps = gaps;
    }

    @Override
    protected RepeatStatus run(StepExecution step, long runId, LocalDate date) {
        int entries = inputs.get(step.getJobExecutionId()).registry().entries().size();
        Integer planned = jdbc.queryForObject("SELECT COUNT(*) FROM update_run WHERE run_id = ?", Integer.class, runId);
        Integer pending = jdbc.queryForObject("SELECT COUNT(*) FROM update_work WHERE run_id = ?", Integer.class, runId);
        List<String> filter = JobParams.servers(step.getJobParameters());
        List<String> selected = settings.servers().stream().map(ServerSettings::name).filter(s -> filter.isEmpty() || filter.contains(s)).toList();
        PlanOnce.Plan plan = PlanOnce.decide(gaps, step, RunGaps.UPDATE_CHECK, RunGaps.DISCOVERY, planned != null && planned > 0,
                pending != null && pending > 0, selected);
        if (plan.mode() == PlanOnce.Mode.KEPT) {
            return RepeatStatus.FINISHED;
        }
        // no server to plan: an impossible name keeps the query's shape (IN () is not SQL)
        List<String> servers = plan.servers().isEmpty() ? List.of("") : plan.servers();
        String serverFilter = " AND server IN (" + String.join(",", servers.stream().map(s -> "?").toList()) + ")";
        int parts = Math.max(1, settings.parallelism());
        // parts of a later round get new numbers: the partitions of the first round completed under theirs
        var jobContext = step.getJobExecution().getExecutionContext();
        int round = plan.mode() == PlanOnce.Mode.COMPLETE ? jobContext.getInt(ROUND, 0) + 1 : 0;
        jobContext.putInt(ROUND, round);
        int firstPart = round * parts;
        List<Object[]> work = new ArrayList<>();
        // Same sha256 = same bytes = same descriptor, so one check answers every copy of the jar.
        jdbc.query("""
                SELECT plugin_name, sha256, MIN(version), MIN(file_name), MIN(sha1), MIN(sha512) FROM plugin_jar
                 WHERE status = 'OK' AND removed_on IS NULL AND plugin_name IS NOT NULL AND sha256 IS NOT NULL""" + serverFilter + """

                 GROUP BY plugin_name, sha256 ORDER BY LOWER(plugin_name), plugin_name, sha256""", rs -> {
            int seq = work.size();
            work.add(new Object[] {runId, seq, firstPart + seq % parts, rs.getString(1), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(2), rs.getString(6)});
        }, servers.toArray());
        jdbc.batchUpdate("""
                INSERT INTO update_work (run_id, seq, part, plugin_name, version, file_name, sha1, sha256, sha512)
                VALUES (?,?,?,?,?,?,?,?,?)""", work);
        if (plan.mode() == PlanOnce.Mode.FIRST) {
            jdbc.update("INSERT INTO update_run (run_id, run_date) VALUES (?,?)", runId, date);
        }
        if (work.isEmpty() && plan.mode() == PlanOnce.Mode.FIRST) {
            log.warn("update plan: the inventory lists no plugin jar; run discovery first (homeamp run discovery)");
        }
        log.info("update plan: {} distinct plugin jars to check, {} registry entries", work.size(), entries);
        return RepeatStatus.FINISHED;
    }
}
