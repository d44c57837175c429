package org.homeamp.drift;

import java.util.List;

import org.homeamp.batch.PersistedWorkListReader;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads one instance's expected files in path order; the position is checkpointed with every chunk. */
class DriftWorkReader extends PersistedWorkListReader<DriftWorkItem> {
    private final JdbcTemplate jdbc;
    private final long runId;
    private final String server;
    private final String instance;
    private final String instanceId;

    DriftWorkReader(JdbcTemplate jdbc, long runId, String server, String instance, String instanceId) {
        super("driftWork");
        this.jdbc = jdbc;
        this.runId = runId;
        this.server = server;
        this.instance = instance;
        this.instanceId = instanceId;
    }

    @Override
    protected List<DriftWorkItem> load() {
        return jdbc.query("SELECT file FROM drift_work WHERE run_id = ? AND server = ? AND instance_name = ? ORDER BY file",
                (rs, i) -> new DriftWorkItem(server, instance, instanceId, rs.getString(1)), runId, server, instance);
    }
}
