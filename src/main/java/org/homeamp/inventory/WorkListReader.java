package org.homeamp.inventory;

import java.util.List;

import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads one instance's persisted work list in file-name order. The read count is checkpointed per
 * chunk, so a restarted partition continues right after the last committed chunk.
 */
class WorkListReader extends AbstractItemCountingItemStreamItemReader<WorkItem> {
    private final JdbcTemplate jdbc;
    private final long runId;
    private final String server;
    private final String instance;
    private final String instanceId;
    private final String unreachable;
    private List<WorkItem> items;

    WorkListReader(JdbcTemplate jdbc, long runId, String server, String instance, String instanceId, String unreachable) {
        this.jdbc = jdbc;
        this.runId = runId;
        this.server = server;
        this.instance = instance;
        this.instanceId = instanceId;
        this.unreachable = unreachable;
        setName("workList");
    }

    @Override
    protected void doOpen() {
        if (unreachable != null) {
            throw new ItemStreamException(unreachable);
        }
        items = jdbc.query("SELECT file_name, size_bytes FROM discovery_work WHERE run_id = ? AND server = ? AND instance_name = ? ORDER BY file_name",
                (rs, i) -> new WorkItem(server, instance, instanceId, rs.getString(1), rs.getLong(2)), runId, server, instance);
    }

    @Override
    protected WorkItem doRead() {
        int i = getCurrentItemCount() - 1;
        return i < items.size() ? items.get(i) : null;
    }

    @Override
    protected void jumpToItem(int itemIndex) {
        // reading by index needs no seek: doRead uses the restored item count
    }

    @Override
    protected void doClose() {
        items = null;
    }
}
