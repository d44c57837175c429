package org.homeamp.inventory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.homeamp.batch.JobParams;
import org.homeamp.batch.PlanOnce;
import org.homeamp.batch.RunGaps;
import org.homeamp.batch.Problems;
import org.homeamp.batch.Problems.Problem;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.config.ServerSettings;
import org.homeamp.batch.RunTasklet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Last discovery step: what the run did not see again is marked removed (jars of every fully scanned
 * instance, instances of every listed server), the summary is logged, and the work list is dropped.
 * One transaction, so running it again after a crash changes nothing twice.
 */
final class DiscoveryFinisher extends RunTasklet {
    private static final Logger log = LoggerFactory.getLogger(DiscoveryFinisher.class);

    private final JdbcTemplate jdbc;
    private final HomeAmpSettings settings;
    private final RunGaps gaps;

    DiscoveryFinisher(JdbcTemplate jdbc, HomeAmpSettings settings, RunGaps gaps) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.gaps = gaps;
    }

    @Override
    protected RepeatStatus run(StepExecution step, long runId, LocalDate date) {

        int removedJars = 0;
        List<Map<String, Object>> scanned = jdbc.queryForList(
                "SELECT server, instance_name FROM discovery_target WHERE run_id = ? AND instance_name <> '' AND skipped = FALSE", runId);
        for (Map<String, Object> t : scanned) {
            String server = (String) t.get("SERVER");
            String instance = (String) t.get("INSTANCE_NAME");
            jdbc.update("""
                    INSERT INTO inventory_event (run_date, server, instance_name, file_name, event, old_version, old_sha256)
                    SELECT ?, server, instance_name, file_name, 'REMOVED', version, sha256 FROM plugin_jar
                     WHERE server = ? AND instance_name = ? AND last_run <> ? AND removed_on IS NULL""", date, server, instance, runId);
            removedJars += jdbc.update("UPDATE plugin_jar SET removed_on = ? WHERE server = ? AND instance_name = ? AND last_run <> ? AND removed_on IS NULL",
                    date, server, instance, runId);
        }
        int removedInstances = 0;
        for (ServerSettings s : DiscoveryPlanner.selectedServers(settings, JobParams.servers(step.getJobParameters()))) {
            if (gaps.reason(date, s.name(), RunGaps.DISCOVERY) != null) {
                continue; // not listed: what it has is unknown, not gone
            }
            removedInstances += jdbc.update("""
                    UPDATE instance SET removed_on = ? WHERE server = ? AND removed_on IS NULL
                       AND instance_name NOT IN (SELECT instance_name FROM discovery_target WHERE run_id = ? AND server = ?)
                       AND NOT EXISTS (SELECT 1 FROM discovery_target WHERE run_id = ? AND server = ? AND unreachable IS NOT NULL)""",
                    date, s.name(), runId, s.name(), runId, s.name());
        }
        int duplicates = recordDuplicatePlugins(runId, date);
        jdbc.update("DELETE FROM discovery_work WHERE run_id = ?", runId);
        PlanOnce.resolvePlanned(gaps, step, RunGaps.DISCOVERY);

        Map<String, Object> totals = jdbc.queryForMap("""
                SELECT COUNT(*) AS jars,
                       SUM(CASE WHEN status = 'OK' THEN 1 ELSE 0 END) AS ok,
                       COUNT(DISTINCT server || '/' || instance_name) AS instances,
                       COUNT(DISTINCT LOWER(plugin_name)) AS plugins
                  FROM plugin_jar WHERE last_run = ?""", runId);
        Integer problemCount = jdbc.queryForObject("SELECT COUNT(*) FROM problem WHERE run_id = ?", Integer.class, runId);
        // this run's events only: an earlier run of the same date wrote events with the same run_date
        long after = step.getJobExecution().getExecutionContext().getLong(DiscoveryPlanner.EVENT_WATERMARK, 0L);
        Integer added = jdbc.queryForObject("SELECT COUNT(*) FROM inventory_event WHERE id > ? AND event = 'ADDED'", Integer.class, after);
        Integer changed = jdbc.queryForObject("SELECT COUNT(*) FROM inventory_event WHERE id > ? AND event = 'CHANGED'", Integer.class, after);
        log.info("discovery: {} instances, {} jars ({} plugins with a descriptor, {} distinct plugins); {} added, {} changed, {} removed jars, "
                        + "{} instances gone; {} problems ({} duplicate plugins)",
                totals.get("INSTANCES"), totals.get("JARS"), totals.get("OK"), totals.get("PLUGINS"), added, changed, removedJars,
                removedInstances, problemCount, duplicates);
        return RepeatStatus.FINISHED;
    }

    /**
     * Two jars of one plugin (same descriptor name) in one instance's plugins/: the server loads one
     * of them, which one is chance, and the other's classes clash; a classic cause of a broken server.
     * Deleted first, so that running this step again after a crash records each pair once.
     */
    private int recordDuplicatePlugins(long runId, LocalDate date) {
        jdbc.update("DELETE FROM problem WHERE run_id = ? AND job = ? AND kind = 'DUPLICATE_PLUGIN'", runId, DiscoveryPlanner.JOB);
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT server, instance_name, plugin_name, file_name FROM plugin_jar p
                 WHERE last_run = ? AND removed_on IS NULL AND plugin_name IS NOT NULL
                   AND (SELECT COUNT(*) FROM plugin_jar q WHERE q.server = p.server AND q.instance_name = p.instance_name
                          AND q.last_run = p.last_run AND q.removed_on IS NULL AND LOWER(q.plugin_name) = LOWER(p.plugin_name)) > 1
                 ORDER BY server, instance_name, LOWER(plugin_name), file_name""", runId);
        Map<String, List<String>> jarsByPlugin = new LinkedHashMap<>();
        Map<String, String[]> where = new HashMap<>();
        for (Map<String, Object> r : rows) {
            String key = r.get("SERVER") + "/" + r.get("INSTANCE_NAME") + "/" + ((String) r.get("PLUGIN_NAME")).toLowerCase(Locale.ROOT);
            jarsByPlugin.computeIfAbsent(key, k -> new ArrayList<>()).add("plugins/" + r.get("FILE_NAME"));
            where.putIfAbsent(key, new String[] {(String) r.get("SERVER"), (String) r.get("INSTANCE_NAME"), (String) r.get("PLUGIN_NAME")});
        }
        Problems problems = new Problems(jdbc);
        for (Map.Entry<String, List<String>> e : jarsByPlugin.entrySet()) {
            String[] w = where.get(e.getKey());
            problems.record(runId, date, DiscoveryPlanner.JOB, new Problem(w[0], w[1], e.getValue().get(0), "DUPLICATE_PLUGIN",
                    "plugin " + w[2] + " is in plugins/ " + e.getValue().size() + " times: " + String.join(", ", e.getValue())
                            + ". The server loads only one of them; fix: delete all but the one you want"));
        }
        return jarsByPlugin.size();
    }
}
