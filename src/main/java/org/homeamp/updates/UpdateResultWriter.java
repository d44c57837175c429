package org.homeamp.updates;

import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.homeamp.batch.Problems;
import org.homeamp.batch.Problems.Problem;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fans each distinct jar's result out to every current instance that has that jar, as
 * {@code update_result} rows, in the chunk's transaction with the reader's checkpoint. When an
 * instance holds two jars of one plugin, the row is the one of the jar whose file name sorts first,
 * so the result does not depend on which partition wrote first. A failed check is also a problem row.
 */
class UpdateResultWriter implements ItemWriter<CheckedJar> {
    static final String JOB = "update-check";

    private final JdbcTemplate jdbc;
    private final Problems problems;
    private final long runId;
    private final LocalDate date;
    private final List<String> servers;

    UpdateResultWriter(JdbcTemplate jdbc, Problems problems, long runId, LocalDate date, List<String> servers) {
        this.jdbc = jdbc;
        this.problems = problems;
        this.runId = runId;
        this.date = date;
        this.servers = servers;
    }

    @Override
    public void write(Chunk<? extends CheckedJar> chunk) {
        List<Object[]> rows = new ArrayList<>();
        String serverFilter = servers.isEmpty() ? "" : " AND p.server IN (" + String.join(",", servers.stream().map(s -> "?").toList()) + ")";
        for (CheckedJar checked : chunk.getItems()) {
            UpdateResult r = checked.result();
            List<Object> args = new ArrayList<>(List.of(checked.item().jar().pluginName(), checked.item().jar().sha256()));
            args.addAll(servers);
            List<String[]> targets = jdbc.query("""
                    SELECT p.server, p.instance_name, p.file_name FROM plugin_jar p
                     WHERE p.plugin_name = ? AND p.sha256 = ? AND p.status = 'OK' AND p.removed_on IS NULL""" + serverFilter + """

                       AND p.file_name = (SELECT MIN(q.file_name) FROM plugin_jar q
                                           WHERE q.server = p.server AND q.instance_name = p.instance_name AND q.plugin_name = p.plugin_name
                                             AND q.status = 'OK' AND q.removed_on IS NULL AND q.sha256 IS NOT NULL)
                     ORDER BY p.server, p.instance_name""",
                    (rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, args.toArray());
            for (String[] t : targets) {
                rows.add(new Object[] {runId, date, t[0], t[1], checked.item().jar().pluginName(), t[2], cut(r.from(), 256), cut(r.to(), 256),
                        r.state().name(), r.channel() == null ? null : r.channel().key(), checked.source(),
                        r.date() == null ? null : Date.valueOf(r.date().atZone(ZoneOffset.UTC).toLocalDate()), cut(r.changelogUrl(), 1024),
                        cut(r.fileUrl(), 2048), r.size() < 0 ? null : r.size(), r.checksum(), r.algorithm().name(), cut(r.reason(), 2048),
                        "NOT_STAGED"});
            }
            if (r.state() == UpdateState.CHECK_FAILED) {
                problems.record(runId, date, JOB, new Problem(null, null, checked.item().jar().fileName(), "UPDATE_CHECK_FAILED",
                        checked.item().jar().pluginName() + " " + checked.item().jar().version() + ": " + r.reason()));
            }
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO update_result (run_id, run_date, server, instance_name, plugin, file_name, installed, latest, state, channel,
                        source, published, changelog_url, file_url, file_size, checksum, checksum_algorithm, reason, staged)
                    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""", rows);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
