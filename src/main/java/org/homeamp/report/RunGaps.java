package org.homeamp.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the {@code run_gap} rows of a date. A date with gaps, all resolved, is a run that a restart
 * completed; one with an open gap is incomplete.
 */
public final class RunGaps {
    private final JdbcTemplate jdbc;

    public RunGaps(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every gap of the date, open or resolved, by server and step. */
    public List<RunGap> of(LocalDate date) {
        return jdbc.query("SELECT server, step, reason, recorded_at, resolved_at FROM run_gap WHERE run_date = ? ORDER BY server, step",
                (rs, i) -> new RunGap(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs.getObject(4)), instant(rs.getObject(5))),
                date);
    }

    /** The open gaps of the date. */
    public List<RunGap> open(LocalDate date) {
        return of(date).stream().filter(RunGap::open).toList();
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        return OffsetDateTime.parse(value.toString()).toInstant();
    }
}
