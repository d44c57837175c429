package org.homeamp.batch;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code worker_heartbeat} table (V15): each running {@code homeamp worker} beats its row, and the
 * manager asks which servers have a live worker. Ages are measured with the database's clock on
 * both sides, so the hosts' clocks need not agree.
 */
public class WorkerHeartbeats {
    private final JdbcTemplate jdbc;

    public WorkerHeartbeats(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A worker seen within the stale limit: its id, where it runs and how long ago it beat. */
    public record LiveWorker(String workerId, String server, String host, long pid, String version, long secondsSinceBeat, String fingerprintKeyId,
            String stateHost) {
        /** How the run's summary names it: {@code host (pid 123)}. */
        public String describe() {
            return host + " (pid " + pid + ", " + version + ")";
        }
    }

    /** Registers (or re-registers) a worker with a first beat; {@code fingerprintKeyId} may be null (no key on its host). */
    public void register(String workerId, String server, String host, long pid, String version, String fingerprintKeyId) {
        register(workerId, server, host, pid, version, fingerprintKeyId, null);
    }

    /** As above, with the worker's state host ({@link StateHosts}): where the deployment files it writes live. */
    public void register(String workerId, String server, String host, long pid, String version, String fingerprintKeyId, String stateHost) {
        jdbc.update("DELETE FROM worker_heartbeat WHERE worker_id = ?", workerId);
        jdbc.update("""
                INSERT INTO worker_heartbeat (worker_id, server, host, pid, version, started_at, last_beat, fingerprint_key_id, state_host)
                VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, ?, ?)""", workerId, server, host, pid, version, fingerprintKeyId,
                stateHost);
    }

    /** One beat, with the partition the worker runs now ({@code null} when idle); false when its row is gone. */
    public boolean beat(String workerId, Long stepExecutionId) {
        return jdbc.update("UPDATE worker_heartbeat SET last_beat = CURRENT_TIMESTAMP, step_execution_id = ? WHERE worker_id = ?",
                stepExecutionId, workerId) == 1;
    }

    /** A stopped worker's row goes at once, so the manager falls back without waiting for it to go stale. */
    public void remove(String workerId) {
        jdbc.update("DELETE FROM worker_heartbeat WHERE worker_id = ?", workerId);
    }

    /** Per server, its freshest worker that beat within {@code staleAfter}; servers without one are absent. */
    public Map<String, LiveWorker> live(Duration staleAfter) {
        Map<String, LiveWorker> out = new LinkedHashMap<>();
        jdbc.query("""
                SELECT worker_id, server, host, pid, version, fingerprint_key_id, state_host,
                       CAST(EXTRACT(EPOCH FROM (CURRENT_TIMESTAMP - last_beat)) AS BIGINT) AS age
                  FROM worker_heartbeat
                 WHERE last_beat > CURRENT_TIMESTAMP - (? * INTERVAL '1 second')
                 ORDER BY server, last_beat DESC""", rs -> {
            out.putIfAbsent(rs.getString("server"), new LiveWorker(rs.getString("worker_id"), rs.getString("server"), rs.getString("host"),
                    rs.getLong("pid"), rs.getString("version"), rs.getLong("age"), rs.getString("fingerprint_key_id"),
                    rs.getString("state_host")));
        }, staleAfter.toSeconds());
        return out;
    }

    /** A worker's row as {@code status} and {@code doctor} show it, stale or not. */
    public record Registered(String workerId, String server, String host, long pid, String version, long secondsSinceBeat,
            String fingerprintKeyId, Long stepExecutionId) {
        /** Whether the manager sends it partitions, and if not, why: given the stale limit and this host's key id. */
        public Condition condition(Duration staleAfter, String keyId) {
            if (secondsSinceBeat > staleAfter.toSeconds()) {
                return Condition.GONE;
            }
            if (fingerprintKeyId == null) {
                return Condition.NO_KEY;
            }
            return fingerprintKeyId.equals(keyId) ? Condition.SERVING : Condition.OTHER_KEY;
        }
    }

    /** What a worker's row says about it: see {@link Registered#condition}. */
    public enum Condition {
        /** Beats, and holds this host's fingerprint key: it gets its server's partitions. */
        SERVING,
        /** Beats, but its host has no fingerprint.key: it gets nothing. */
        NO_KEY,
        /** Beats, but its fingerprint.key is another than this host's: it gets nothing. */
        OTHER_KEY,
        /** No beat within {@code worker.stale-after}: stopped by kill, crash or a lost host (a stopped one takes its row with it). */
        GONE
    }

    /**
     * Every worker row, by server and freshest first; plain JDBC, for {@code status} and {@code doctor}
     * (no Spring context). Empty when the table does not exist yet.
     */
    public static java.util.List<Registered> registered(java.sql.Connection c) throws java.sql.SQLException {
        java.util.List<Registered> out = new java.util.ArrayList<>();
        try (java.sql.ResultSet tables = c.getMetaData().getTables(null, null, "worker_heartbeat", null)) {
            if (!tables.next()) {
                return out;
            }
        }
        try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("""
                SELECT worker_id, server, host, pid, version, fingerprint_key_id, step_execution_id,
                       CAST(EXTRACT(EPOCH FROM (CURRENT_TIMESTAMP - last_beat)) AS BIGINT) AS age
                  FROM worker_heartbeat ORDER BY server, last_beat DESC""")) {
            while (rs.next()) {
                long step = rs.getLong("step_execution_id");
                boolean idle = rs.wasNull();
                out.add(new Registered(rs.getString("worker_id"), rs.getString("server"), rs.getString("host"), rs.getLong("pid"),
                        rs.getString("version"), rs.getLong("age"), rs.getString("fingerprint_key_id"), idle ? null : step));
            }
        }
        return out;
    }

    /** Seconds since the last beat of any worker of {@code server}, or {@code null} when none has a row. */
    public Long secondsSinceLastBeat(String server) {
        return jdbc.query("""
                SELECT CAST(EXTRACT(EPOCH FROM (CURRENT_TIMESTAMP - MAX(last_beat))) AS BIGINT) FROM worker_heartbeat
                 WHERE server = ? HAVING COUNT(*) > 0""", rs -> rs.next() ? rs.getLong(1) : null, server);
    }
}
