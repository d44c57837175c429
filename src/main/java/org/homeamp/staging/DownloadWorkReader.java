package org.homeamp.staging;

import java.util.List;

import org.homeamp.updates.sources.HashAlgorithm;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the run's files to stage in work-list order; the position is checkpointed with every chunk. */
class DownloadWorkReader extends AbstractItemCountingItemStreamItemReader<DownloadWorkReader.Item> {

    /** One file to stage and the check run whose results it completes. */
    record Item(long checkRunId, StagingRequest request) {
    }

    private final JdbcTemplate jdbc;
    private final long runId;
    private List<Item> items;

    DownloadWorkReader(JdbcTemplate jdbc, long runId) {
        this.jdbc = jdbc;
        this.runId = runId;
        setName("downloadWork");
    }

    @Override
    protected void doOpen() {
        items = jdbc.query("""
                SELECT check_run_id, plugin, version, file_name, file_url, file_size, checksum, checksum_algorithm FROM download_work
                 WHERE run_id = ? ORDER BY seq""", (rs, i) -> {
            long size = rs.getObject(6) == null ? -1 : rs.getLong(6);
            String algorithm = rs.getString(8);
            return new Item(rs.getLong(1), new StagingRequest(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), size,
                    rs.getString(7), algorithm == null ? HashAlgorithm.UNVERIFIED : HashAlgorithm.valueOf(algorithm)));
        }, runId);
    }

    @Override
    protected Item doRead() {
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
