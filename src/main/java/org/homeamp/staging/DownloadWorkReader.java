package org.homeamp.staging;

import java.util.List;

import org.homeamp.updates.sources.HashAlgorithm;
import org.homeamp.batch.PersistedWorkListReader;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the run's files to stage in work-list order; the position is checkpointed with every chunk. */
class DownloadWorkReader extends PersistedWorkListReader<DownloadWorkReader.Item> {

    /** One file to stage and the check run whose results it completes. */
    record Item(long checkRunId, StagingRequest request) {
    }

    private final JdbcTemplate jdbc;
    private final long runId;

    DownloadWorkReader(JdbcTemplate jdbc, long runId) {
        super("downloadWork");
        this.jdbc = jdbc;
        this.runId = runId;
    }

    @Override
    protected List<DownloadWorkReader.Item> load() {
        return jdbc.query("""
                SELECT check_run_id, plugin, version, file_name, file_url, file_size, checksum, checksum_algorithm FROM download_work
                 WHERE run_id = ? ORDER BY seq""", (rs, i) -> {
            long size = rs.getObject(6) == null ? -1 : rs.getLong(6);
            String algorithm = rs.getString(8);
            return new Item(rs.getLong(1), new StagingRequest(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), size,
                    rs.getString(7), algorithm == null ? HashAlgorithm.UNVERIFIED : HashAlgorithm.valueOf(algorithm)));
        }, runId);
    }
}
