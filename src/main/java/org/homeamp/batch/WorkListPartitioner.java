package org.homeamp.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One partition per row of a run's persisted work list. The query's first column is the partition's
 * name, the following ones fill the partition's execution context under {@code keys} (as text; a
 * null column is left out). Run by {@link WorkListSplitter} on every attempt, so a partition's
 * context always comes from the database, never from a half-stored earlier attempt.
 */
public class WorkListPartitioner implements Partitioner {
    private final JdbcTemplate jdbc;
    private final String sql;
    private final long runId;
    private final List<String> keys;

    /**
     * @param sql  one parameter, the run id (job instance id); ORDER BY a unique key, for a stable order
     * @param keys the context keys of the columns after the first
     */
    public WorkListPartitioner(JdbcTemplate jdbc, String sql, long runId, String... keys) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.runId = runId;
        this.keys = List.of(keys);
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> out = new LinkedHashMap<>();
        jdbc.query(sql, rs -> {
            ExecutionContext ctx = new ExecutionContext();
            for (int i = 0; i < keys.size(); i++) {
                Object value = rs.getObject(i + 2);
                if (value != null) {
                    ctx.putString(keys.get(i), value.toString());
                }
            }
            out.put(rs.getString(1), ctx);
        }, runId);
        return out;
    }
}
