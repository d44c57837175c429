package org.homeamp.inventory;

import java.util.List;

import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.homeamp.batch.PersistedWorkListReader;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads one instance's persisted work list in file-name order. The read count is checkpointed per
 * chunk, so a restarted partition continues right after the last committed chunk.
 */
class WorkListReader extends PersistedWorkListReader<WorkItem> {
    private final JdbcTemplate jdbc;
    private final long runId;
    private final String server;
    private final String instance;
    private final String instanceId;
    private final String unreachable;

    WorkListReader(JdbcTemplate jdbc, long runId, String server, String instance, String instanceId, String unreachable) {
        super("workList");
        this.jdbc = jdbc;
        this.runId = runId;
        this.server = server;
        this.instance = instance;
        this.instanceId = instanceId;
        this.unreachable = unreachable;
    }

    @Override
    protected List<WorkItem> load() {
        if (unreachable != null) {
            throw new ItemStreamException(unreachable);
        }
        return jdbc.query("SELECT file_name, size_bytes FROM discovery_work WHERE run_id = ? AND server = ? AND instance_name = ? ORDER BY file_name",
                (rs, i) -> new WorkItem(server, instance, instanceId, rs.getString(1), rs.getLong(2)), runId, server, instance);
    }
}
