package org.homeamp.staging;

import org.homeamp.updates.sources.HashAlgorithm;
import org.springframework.jdbc.core.RowMapper;

/** A row of a download run's work list ({@code download_work}), as the stage step reads it in {@code seq} order. */
final class DownloadWorkReader {
    static final String COLUMNS = "seq, check_run_id, plugin, version, file_name, file_url, file_size, checksum, checksum_algorithm";

    /** One file to stage and the check run whose results it completes. */
    record Item(long checkRunId, StagingRequest request) {
    }

    static final RowMapper<Item> ROWS = (rs, i) -> {
        long size = rs.getObject("file_size") == null ? -1 : rs.getLong("file_size");
        String algorithm = rs.getString("checksum_algorithm");
        return new Item(rs.getLong("check_run_id"), new StagingRequest(rs.getString("plugin"), rs.getString("version"), rs.getString("file_name"),
                rs.getString("file_url"), size, rs.getString("checksum"), algorithm == null ? HashAlgorithm.UNVERIFIED : HashAlgorithm.valueOf(algorithm)));
    };

    private DownloadWorkReader() {
    }
}
