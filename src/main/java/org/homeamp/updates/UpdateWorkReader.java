package org.homeamp.updates;

import java.util.List;

import org.homeamp.updates.sources.InstalledJar;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads one partition's distinct jars in work-list order; the position is checkpointed with every chunk. */
class UpdateWorkReader extends AbstractItemCountingItemStreamItemReader<UpdateWorkItem> {
    private final JdbcTemplate jdbc;
    private final long runId;
    private final int part;
    private List<UpdateWorkItem> items;

    UpdateWorkReader(JdbcTemplate jdbc, long runId, int part) {
        this.jdbc = jdbc;
        this.runId = runId;
        this.part = part;
        setName("updateWork");
    }

    @Override
    protected void doOpen() {
        items = jdbc.query("""
                SELECT seq, plugin_name, version, file_name, sha1, sha256, sha512 FROM update_work
                 WHERE run_id = ? AND part = ? ORDER BY seq""",
                (rs, i) -> new UpdateWorkItem(rs.getInt(1), new InstalledJar(rs.getString(2), rs.getString(3), rs.getString(4),
                        trim(rs.getString(5)), trim(rs.getString(6)), trim(rs.getString(7)), null)), runId, part);
    }

    private static String trim(String hash) {
        return hash == null ? null : hash.strip();
    }

    @Override
    protected UpdateWorkItem doRead() {
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
