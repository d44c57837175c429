package org.homeamp.batch;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

import java.time.LocalDate;
import java.util.List;

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
        // a separate report run shows the newest completed drift scan and update check of its date (ReportQueries): judge those
        boolean report = JobNames.REPORT.equals(jdbc.queryForObject("SELECT JOB_NAME FROM BATCH_JOB_INSTANCE WHERE JOB_INSTANCE_ID = ?",
                String.class, runId));
        if (tableExists("DRIFT_FINDING")) {
            Long driftRun = report ? ofDate(executionId, "SELECT MAX(run_id) FROM drift_run WHERE run_date = ? AND completed_at IS NOT NULL") : runId;
            pending += jdbc.queryForObject("SELECT COUNT(*) FROM drift_finding WHERE run_id = ? AND state <> 'RESOLVED'", Long.class, driftRun);
        }
        if (tableExists("UPDATE_RESULT")) {
            Long updateRun = report ? ofDate(executionId, "SELECT MAX(run_id) FROM update_result WHERE run_date = ?") : runId;
            pending += jdbc.queryForObject("SELECT COUNT(*) FROM update_result WHERE run_id = ? AND state = 'UPDATE_AVAILABLE'", Long.class, updateRun);
        }
        return pending;
    }

    /** The run that {@code sql} picks for the execution's business date, or null. */
    private Long ofDate(long executionId, String sql) {
        List<String> dates = jdbc.queryForList("SELECT PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = ? AND PARAMETER_NAME = ?",
                String.class, executionId, JobParams.DATE);
        return dates.isEmpty() ? null : jdbc.queryForObject(sql, Long.class, LocalDate.parse(dates.get(0)));
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
