package org.homeamp.drift;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** One partition per instance of the run's work list ({@code server/instance}). */
class DriftPartitioner implements Partitioner {
    static final String SERVER = "server";
    static final String INSTANCE = "instance";
    static final String INSTANCE_ID = "instanceId";

    private final JdbcTemplate jdbc;
    private final long runId;

    DriftPartitioner(JdbcTemplate jdbc, long runId) {
        this.jdbc = jdbc;
        this.runId = runId;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> out = new LinkedHashMap<>();
        jdbc.query("SELECT server, instance_name, instance_id FROM drift_target WHERE run_id = ? ORDER BY server, instance_name", rs -> {
            ExecutionContext ctx = new ExecutionContext();
            ctx.putString(SERVER, rs.getString(1));
            ctx.putString(INSTANCE, rs.getString(2));
            if (rs.getString(3) != null) {
                ctx.putString(INSTANCE_ID, rs.getString(3));
            }
            out.put(rs.getString(1) + "/" + rs.getString(2), ctx);
        }, runId);
        return out;
    }
}
