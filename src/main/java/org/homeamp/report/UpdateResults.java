package org.homeamp.report;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.homeamp.approval.UpdateResultRow;

/**
 * Reads the {@code update_result} table of the update-check and download jobs (issue #4). That table
 * arrives with its own migration; until it exists the report shows "no update results" instead of
 * failing, so the report and mail work on a database that has never seen an update check.
 *
 * <p>Rows are read for one run: the calling run's own rows when it has any (nightly), else the newest
 * run of the date (a separate {@code run report} after {@code run update-check}).
 */
public final class UpdateResults {
    private final JdbcTemplate jdbc;
    private volatile Boolean available;

    public UpdateResults(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the table exists; asked of the JDBC metadata once per process. */
    boolean available() {
        Boolean a = available;
        if (a == null) {
            a = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) UpdateResults::tableExists));
            available = a;
        }
        return a;
    }

    private static boolean tableExists(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        // H2 stores unquoted names in upper case, PostgreSQL in lower case.
        for (String name : List.of("update_result", "UPDATE_RESULT")) {
            try (ResultSet rs = md.getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The run whose results a report for {@code runId}/{@code date} shows, or {@code null}. */
    Long resultRun(long runId, LocalDate date) {
        if (!available()) {
            return null;
        }
        Long own = jdbc.queryForObject("SELECT MAX(run_id) FROM update_result WHERE run_id = ?", Long.class, runId);
        return own != null ? own : jdbc.queryForObject("SELECT MAX(run_id) FROM update_result WHERE run_date = ?", Long.class, date);
    }

    List<UpdateResultRow> rows(long runId, LocalDate date) {
        Long run = resultRun(runId, date);
        if (run == null) {
            return List.of();
        }
        return jdbc.query("""
                SELECT server, instance_name, plugin, file_name, installed, latest, state, channel, source, published, changelog_url,
                       file_url, file_size, checksum, checksum_algorithm, reason, staged, staged_path
                  FROM update_result WHERE run_id = ? ORDER BY server, instance_name, plugin""",
                (rs, i) -> new UpdateResultRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), upper(rs.getString(7)), rs.getString(8), rs.getString(9),
                        rs.getObject(10) == null ? null : rs.getObject(10, LocalDate.class).toString(), rs.getString(11), rs.getString(12),
                        rs.getObject(13) == null ? null : rs.getLong(13), rs.getString(14), rs.getString(15), rs.getString(16),
                        upper(rs.getString(17)), rs.getString(18)),
                run);
    }

    /** UPDATE_AVAILABLE rows of the newest run of {@code date}, for the trend chart; 0 without results. */
    long pendingOn(LocalDate date) {
        if (!available()) {
            return 0;
        }
        Long n = jdbc.queryForObject("""
                SELECT COUNT(*) FROM update_result WHERE state = 'UPDATE_AVAILABLE'
                   AND run_id = (SELECT MAX(run_id) FROM update_result WHERE run_date = ?)""", Long.class, date);
        return n == null ? 0 : n;
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }
}
