package org.homeamp.inventory;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One partition per listed instance of the run ({@code server/instance}), plus one per server that
 * could not be reached, whose worker fails so that the run fails and {@code homeamp restart} tries
 * that server again. Completed partitions are never run twice (Spring Batch skips them on restart).
 */
class InstancePartitioner implements Partitioner {
    static final String SERVER = "server";
    static final String INSTANCE = "instance";
    static final String INSTANCE_ID = "instanceId";
    static final String UNREACHABLE = "unreachable";

    private final JdbcTemplate jdbc;
    private final long runId;

    InstancePartitioner(JdbcTemplate jdbc, long runId) {
        this.jdbc = jdbc;
        this.runId = runId;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> out = new LinkedHashMap<>();
        jdbc.query("SELECT server, instance_name, instance_id, unreachable FROM discovery_target WHERE run_id = ? AND skipped = FALSE ORDER BY server, instance_name",
                rs -> {
                    ExecutionContext ctx = new ExecutionContext();
                    String server = rs.getString(1);
                    String instance = rs.getString(2);
                    ctx.putString(SERVER, server);
                    ctx.putString(INSTANCE, instance);
                    if (rs.getString(3) != null) {
                        ctx.putString(INSTANCE_ID, rs.getString(3));
                    }
                    if (rs.getString(4) != null) {
                        ctx.putString(UNREACHABLE, rs.getString(4));
                    }
                    out.put(instance.isEmpty() ? server : server + "/" + instance, ctx);
                }, runId);
        return out;
    }
}
