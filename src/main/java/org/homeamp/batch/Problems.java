package org.homeamp.batch;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Problems found by a run (unreadable files, corrupt jars, unreachable hosts, orphan folders), kept
 * in the {@code problem} table for the report. Writes join the caller's transaction, so a rolled
 * back chunk leaves no problem behind and a restarted one records it once.
 */
@Component
public class Problems {
    private final JdbcTemplate jdbc;

    public Problems(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One problem. {@code kind} is an upper-case word such as CORRUPT_JAR or AMP_UNREACHABLE. */
    public record Problem(String server, String instance, String path, String kind, String message) {
    }

    public void record(long runId, LocalDate date, String job, Problem p) {
        jdbc.update("INSERT INTO problem (run_id, run_date, job, server, instance_name, path, kind, message) VALUES (?,?,?,?,?,?,?,?)",
                runId, date, job, p.server(), p.instance(), p.path(), p.kind(), truncate(p.message(), 4000));
    }

    public void recordAll(long runId, LocalDate date, String job, List<Problem> problems) {
        problems.forEach(p -> record(runId, date, job, p));
    }

    /** Removes the problems of the given kinds, so a step that runs again does not list them twice. */
    public void forget(long runId, String job, List<String> kinds) {
        for (String k : kinds) {
            jdbc.update("DELETE FROM problem WHERE run_id = ? AND job = ? AND kind = ?", runId, job, k);
        }
    }

    public List<Problem> list(long runId) {
        return jdbc.query("SELECT server, instance_name, path, kind, message FROM problem WHERE run_id = ? ORDER BY id",
                (rs, i) -> new Problem(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)), runId);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
