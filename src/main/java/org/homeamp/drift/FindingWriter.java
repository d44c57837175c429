package org.homeamp.drift;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.homeamp.batch.Problems;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stores one instance's findings with their lifecycle state: NEW when the instance's previous
 * completed scan did not have the finding, OPEN (first-seen date carried over) when it did. Runs
 * in the chunk's transaction, with the reader's checkpoint, so a restart stores every finding once.
 */
class FindingWriter implements ItemWriter<FileResult> {
    static final String JOB = "drift-scan";

    private final JdbcTemplate jdbc;
    private final Problems problems;
    private final long runId;
    private final LocalDate date;
    private final Map<String, LocalDate> previousFirstSeen;

    FindingWriter(JdbcTemplate jdbc, Problems problems, long runId, LocalDate date, String server, String instance) {
        this.jdbc = jdbc;
        this.problems = problems;
        this.runId = runId;
        this.date = date;
        this.previousFirstSeen = previous(jdbc, runId, server, instance);
    }

    /** Open findings of the instance's latest completed scan before this run: id → first seen. */
    static Map<String, LocalDate> previous(JdbcTemplate jdbc, long runId, String server, String instance) {
        Long prev = previousRun(jdbc, runId, server, instance);
        Map<String, LocalDate> out = new HashMap<>();
        if (prev != null) {
            jdbc.query("SELECT finding_id, first_seen FROM drift_finding WHERE run_id = ? AND server = ? AND instance_name = ? AND state <> 'RESOLVED'",
                    rs -> {
                        out.put(rs.getString(1), rs.getObject(2, LocalDate.class));
                    }, prev, server, instance);
        }
        return out;
    }

    static Long previousRun(JdbcTemplate jdbc, long runId, String server, String instance) {
        return jdbc.queryForObject("""
                SELECT MAX(t.run_id) FROM drift_target t JOIN drift_run r ON r.run_id = t.run_id
                 WHERE r.completed_at IS NOT NULL AND t.server = ? AND t.instance_name = ? AND t.run_id <> ?""",
                Long.class, server, instance, runId);
    }

    @Override
    public void write(Chunk<? extends FileResult> chunk) {
        List<Object[]> rows = new ArrayList<>();
        for (FileResult r : chunk.getItems()) {
            if (r.problem() != null) {
                problems.record(runId, date, JOB, r.problem());
            }
            // one row per stable id: two findings can only share one if a file repeats a key, which YAML forbids anyway
            Map<String, Finding> byId = new LinkedHashMap<>();
            r.findings().forEach(f -> byId.putIfAbsent(f.stableId(), f));
            for (Map.Entry<String, Finding> e : byId.entrySet()) {
                Finding f = e.getValue();
                LocalDate firstSeen = previousFirstSeen.get(e.getKey());
                rows.add(new Object[] {runId, date, e.getKey(), f.server(), f.instance(), f.file(), cut(f.key(), 2048), f.kind().name(),
                        cut(f.expected(), 4096), cut(f.actual(), 4096), f.line(), f.column(), cut(f.message(), 4096),
                        firstSeen == null ? "NEW" : "OPEN", firstSeen == null ? date : firstSeen});
            }
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO drift_finding (run_id, run_date, finding_id, server, instance_name, file, key_path, kind, expected, actual,
                        line_no, col_no, message, state, first_seen) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""", rows);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
