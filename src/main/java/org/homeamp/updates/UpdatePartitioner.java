package org.homeamp.updates;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** One partition per work-list part the planner filled; parts, not instances, since one jar is checked once for all instances. */
class UpdatePartitioner implements Partitioner {
    static final String PART = "part";

    private final JdbcTemplate jdbc;
    private final long runId;

    UpdatePartitioner(JdbcTemplate jdbc, long runId) {
        this.jdbc = jdbc;
        this.runId = runId;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> out = new LinkedHashMap<>();
        for (Integer part : jdbc.queryForList("SELECT DISTINCT part FROM update_work WHERE run_id = ? ORDER BY part", Integer.class, runId)) {
            ExecutionContext ctx = new ExecutionContext();
            ctx.putInt(PART, part);
            out.put("part" + part, ctx);
        }
        return out;
    }
}
