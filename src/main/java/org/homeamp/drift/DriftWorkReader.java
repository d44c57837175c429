package org.homeamp.drift;

import java.util.List;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads one instance's expected files in path order; the position is checkpointed with every chunk. */
class DriftWorkReader extends AbstractItemCountingItemStreamItemReader<DriftWorkItem> {
    private final JdbcTemplate jdbc;
    private final long runId;
    private final String server;
    private final String instance;
    private final String instanceId;
    private List<DriftWorkItem> items;

    DriftWorkReader(JdbcTemplate jdbc, long runId, String server, String instance, String instanceId) {
        this.jdbc = jdbc;
        this.runId = runId;
        this.server = server;
        this.instance = instance;
        this.instanceId = instanceId;
        setName("driftWork");
    }

    @Override
    protected void doOpen() {
        items = jdbc.query("SELECT file FROM drift_work WHERE run_id = ? AND server = ? AND instance_name = ? ORDER BY file",
                (rs, i) -> new DriftWorkItem(server, instance, instanceId, rs.getString(1)), runId, server, instance);
    }

    @Override
    protected DriftWorkItem doRead() {
        int i = getCurrentItemCount() - 1;
        return i < items.size() ? items.get(i) : null;
    }

    @Override
    protected void jumpToItem(int itemIndex) {
        // index-based: the restored item count is the position
    }

    @Override
    protected void doClose() {
        items = null;
    }
}
