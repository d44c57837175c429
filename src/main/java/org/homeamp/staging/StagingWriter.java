package org.homeamp.staging;

import java.time.LocalDate;

import org.homeamp.batch.Problems;
import org.homeamp.batch.Problems.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records each file's staging state on every {@code update_result} row that proposes it; a refusal is
 * also a problem row ({@code DOWNLOAD_REFUSED}, or {@code DOWNLOAD_FAILED} when the host was busy or down
 * after the retry budget) and an audited log line. Runs in the chunk's transaction with the checkpoint.
 */
class StagingWriter implements ItemWriter<StagedFile> {
    static final String JOB = "download";
    private static final Logger log = LoggerFactory.getLogger(StagingWriter.class);

    private final JdbcTemplate jdbc;
    private final Problems problems;
    private final long runId;
    private final LocalDate date;

    StagingWriter(JdbcTemplate jdbc, Problems problems, long runId, LocalDate date) {
        this.jdbc = jdbc;
        this.problems = problems;
        this.runId = runId;
        this.date = date;
    }

    @Override
    public void write(Chunk<? extends StagedFile> chunk) {
        for (StagedFile staged : chunk.getItems()) {
            StagingRequest request = staged.item().request();
            StagingOutcome outcome = staged.outcome();
            jdbc.update("""
                    UPDATE update_result SET staged = ?, staged_path = ?
                     WHERE run_id = ? AND plugin = ? AND latest = ? AND file_url = ? AND state = 'UPDATE_AVAILABLE'""",
                    outcome.state().name(), outcome.path() == null ? null : outcome.path().toString(), staged.item().checkRunId(),
                    request.plugin(), request.version(), request.url());
            if (outcome.state() == StagingState.FAILED) {
                // a busy host is not a bad file: the operator's next step differs (wait vs. look at the source)
                String kind = outcome.transientFailure() ? "DOWNLOAD_FAILED" : "DOWNLOAD_REFUSED";
                log.warn("download {}: {} {}: {}", outcome.transientFailure() ? "failed" : "refused", request.plugin(), request.version(),
                        outcome.reason());
                problems.record(runId, date, JOB, new Problem(null, null, request.url(), kind,
                        request.plugin() + " " + request.version() + ": " + outcome.reason()));
            }
        }
    }
}
