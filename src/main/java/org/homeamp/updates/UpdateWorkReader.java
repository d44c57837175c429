package org.homeamp.updates;

import java.util.List;

import org.homeamp.updates.sources.InstalledJar;
import org.homeamp.batch.PersistedWorkListReader;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads one partition's distinct jars in work-list order; the position is checkpointed with every chunk. */
class UpdateWorkReader extends PersistedWorkListReader<UpdateWorkItem> {
    private final JdbcTemplate jdbc;
    private final long runId;
    private final int part;

    UpdateWorkReader(JdbcTemplate jdbc, long runId, int part) {
        super("updateWork");
        this.jdbc = jdbc;
        this.runId = runId;
        this.part = part;
    }

    @Override
    protected List<UpdateWorkItem> load() {
        return jdbc.query("""
                SELECT seq, plugin_name, version, file_name, sha1, sha256, sha512 FROM update_work
                 WHERE run_id = ? AND part = ? ORDER BY seq""",
                (rs, i) -> new UpdateWorkItem(rs.getInt(1), new InstalledJar(rs.getString(2), rs.getString(3), rs.getString(4),
                        trim(rs.getString(5)), trim(rs.getString(6)), trim(rs.getString(7)), null)), runId, part);
    }

    private static String trim(String hash) {
        return hash == null ? null : hash.strip();
    }
}
