package org.homeamp.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recent job executions read straight from Spring Batch's tables with plain JDBC, so that
 * {@code homeamp status} needs neither Spring nor the simulators and answers in a moment, also while a
 * job runs (H2's auto-server lets a second process read the same file).
 */
final class ExecutionHistory {
    /** One step execution: partition workers are named {@code <worker step>:<partition>}. */
    record StepRow(long id, String name, String status, long readCount, long writeCount, String exitMessage) {
        boolean running() {
            return status.equals("STARTED") || status.equals("STARTING") || status.equals("STOPPING");
        }

        boolean worker() {
            return name.indexOf(':') > 0;
        }
    }

    /** One job execution with its steps in the order they started. */
    record ExecutionRow(long id, String job, String date, String status, LocalDateTime created, LocalDateTime start,
            LocalDateTime end, String exitMessage, List<StepRow> steps) {
        boolean running() {
            return status.equals("STARTED") || status.equals("STARTING") || status.equals("STOPPING");
        }

        Duration duration() {
            LocalDateTime from = start != null ? start : created;
            LocalDateTime to = end != null ? end : LocalDateTime.now();
            return from == null ? Duration.ZERO : Duration.between(from, to);
        }

        /** The first failed or still running top-level step, as {@code JobService.failedStep} picks it. */
        Optional<StepRow> failedStep() {
            return steps.stream().filter(s -> s.status().equals("FAILED") || s.running()).findFirst();
        }
    }

    private ExecutionHistory() {
    }

    /** Whether Spring Batch's tables exist yet (no job has run on a fresh database). */
    static boolean hasTables(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equalsIgnoreCase("BATCH_JOB_EXECUTION")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The newest {@code limit} executions, newest first. */
    static List<ExecutionRow> recent(Connection c, int limit) throws SQLException {
        Map<Long, Object[]> heads = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.CREATE_TIME, e.START_TIME, e.END_TIME, e.EXIT_MESSAGE
                  FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID
                 ORDER BY e.JOB_EXECUTION_ID DESC""")) {
            st.setMaxRows(limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    heads.put(rs.getLong(1), new Object[] {rs.getString(2), rs.getString(3), time(rs.getTimestamp(4)),
                            time(rs.getTimestamp(5)), time(rs.getTimestamp(6)), rs.getString(7)});
                }
            }
        }
        List<ExecutionRow> rows = new ArrayList<>();
        for (Map.Entry<Long, Object[]> h : heads.entrySet()) {
            Object[] v = h.getValue();
            rows.add(new ExecutionRow(h.getKey(), (String) v[0], date(c, h.getKey()), (String) v[1], (LocalDateTime) v[2],
                    (LocalDateTime) v[3], (LocalDateTime) v[4], (String) v[5], steps(c, h.getKey())));
        }
        return rows;
    }

    private static String date(Connection c, long executionId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = ? AND PARAMETER_NAME = 'date'")) {
            st.setLong(1, executionId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : "-";
            }
        }
    }

    private static List<StepRow> steps(Connection c, long executionId) throws SQLException {
        List<StepRow> steps = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT STEP_EXECUTION_ID, STEP_NAME, STATUS, READ_COUNT, WRITE_COUNT, EXIT_MESSAGE
                  FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? ORDER BY STEP_EXECUTION_ID""")) {
            st.setLong(1, executionId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    steps.add(new StepRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                            rs.getString(6)));
                }
            }
        }
        return steps;
    }

    private static LocalDateTime time(Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }

    /**
     * What a running execution is doing: its running step and, for a partitioned one, how many
     * partitions are done and how many items its workers have written so far (committed per chunk).
     */
    static String progress(ExecutionRow e) {
        Optional<StepRow> manager = e.steps().stream().filter(s -> s.running() && !s.worker()).reduce((a, b) -> b);
        if (manager.isEmpty()) {
            return "starting";
        }
        StepRow m = manager.get();
        List<StepRow> workers = e.steps().stream().filter(s -> s.worker() && s.id() > m.id()).toList();
        if (workers.isEmpty()) {
            return "running step " + m.name() + ": " + m.writeCount() + " items";
        }
        long done = workers.stream().filter(s -> s.status().equals("COMPLETED")).count();
        long items = workers.stream().mapToLong(StepRow::writeCount).sum();
        return "running step " + m.name() + ": " + done + "/" + workers.size() + " partitions done, " + items + " items";
    }

    /**
     * The real cause of a failed execution in the operator's words, as the console prints it: Batch stores
     * stack traces, and the job's own is often only Spring's "Partition handler returned an unsuccessful
     * step"; the failed worker step holds the cause.
     */
    static String cause(ExecutionRow e) {
        for (StepRow s : e.steps()) {
            if (s.status().equals("FAILED")) {
                Optional<String> words = FailureText.operatorWords(s.exitMessage());
                if (words.isPresent()) {
                    return words.get();
                }
            }
        }
        return FailureText.operatorWords(e.exitMessage()).orElse(FailureText.firstMessage(e.exitMessage()));
    }
}
