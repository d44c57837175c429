package org.homeamp.batch;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether a finished run left something for the operators: open drift or available updates. Behind
 * {@code --detailed-exitcode} (exit 3, SPEC §3), so monitoring can alert without parsing output.
 */
@Component
public class PendingChanges {
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    public PendingChanges(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** Open drift findings plus available updates of the run of this job execution. */
    public long count(long executionId) {
        Long runId = jdbc.queryForObject("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", Long.class, executionId);
        if (runId == null) {
            return 0;
        }
        long pending = 0;
        if (tableExists("DRIFT_FINDING")) {
            pending += jdbc.queryForObject("SELECT COUNT(*) FROM drift_finding WHERE run_id = ? AND state <> 'RESOLVED'", Long.class, runId);
        }
        if (tableExists("UPDATE_RESULT")) {
            pending += jdbc.queryForObject("SELECT COUNT(*) FROM update_result WHERE run_id = ? AND state = 'UPDATE_AVAILABLE'", Long.class, runId);
        }
        return pending;
    }

    private boolean tableExists(String name) {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            for (String candidate : new String[] {name, name.toLowerCase()}) {
                try (ResultSet rs = md.getTables(null, null, candidate, new String[] {"TABLE"})) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            return false;
        }
    }
}
