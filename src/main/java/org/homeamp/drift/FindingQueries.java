package org.homeamp.drift;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Reads stored drift findings ({@code drift_finding}) as {@link StoredFinding} records, in the one
 * order every output uses: server, instance, file, key, kind.
 */
public final class FindingQueries {
    private static final String SELECT = """
            SELECT finding_id, server, instance_name, file, key_path, kind, expected, actual, state, first_seen, line_no, col_no, message
              FROM drift_finding WHERE run_id = ? ORDER BY server, instance_name, file, key_path, kind""";

    /** Maps a row of {@link #SELECT}; kinds and states written by {@link FindingWriter} are always enum names. */
    static final RowMapper<StoredFinding> ROW = FindingQueries::map;

    private final JdbcTemplate jdbc;

    public FindingQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The drift scan a report of {@code runId} shows: the run's own (inside nightly), else the newest
     * completed scan of the date (a separate {@code run report}); {@code null} when the date has none.
     */
    public Long driftRun(long runId, LocalDate date) {
        Long own = jdbc.queryForObject("SELECT MAX(run_id) FROM drift_run WHERE run_id = ?", Long.class, runId);
        if (own != null) {
            return own;
        }
        return jdbc.queryForObject("SELECT MAX(run_id) FROM drift_run WHERE run_date = ? AND completed_at IS NOT NULL", Long.class, date);
    }

    /** Every finding of a drift run, resolved ones included; empty for {@code null}. */
    public List<StoredFinding> ofRun(Long driftRun) {
        return driftRun == null ? List.of() : jdbc.query(SELECT, ROW, driftRun);
    }

    /** Streams the findings of a drift run, so a writer's memory does not grow with them. */
    public void forEachOfRun(long driftRun, Consumer<StoredFinding> each) {
        jdbc.query(SELECT, rs -> {
            each.accept(map(rs, 0));
        }, driftRun);
    }

    private static StoredFinding map(ResultSet rs, int row) throws SQLException {
        return new StoredFinding(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                FindingKind.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8), FindingState.valueOf(rs.getString(9)),
                rs.getObject(10, LocalDate.class), (Integer) rs.getObject(11), (Integer) rs.getObject(12), rs.getString(13));
    }
}
