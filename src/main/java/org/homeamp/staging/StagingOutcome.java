package org.homeamp.staging;

import java.nio.file.Path;

/**
 * What staging one file came to.
 *
 * @param state      STAGED, UNVERIFIED or FAILED
 * @param path       the staged file, or {@code null} when FAILED
 * @param reason     why it failed, in one sentence with the URL and what to do; {@code null} otherwise
 * @param downloaded false when a verified file already in staging was kept
 * @param transientFailure true when FAILED because the host was busy or unreachable after the retry budget
 *                   (rate limited, HTTP 5xx, timeout, reset): nothing is known to be wrong with the file,
 *                   unlike a refusal (HTML page, checksum mismatch, wrong plugin, ...)
 */
public record StagingOutcome(StagingState state, Path path, String reason, boolean downloaded, boolean transientFailure) {

    static StagingOutcome staged(StagingState state, Path path, boolean downloaded) {
        return new StagingOutcome(state, path, null, downloaded, false);
    }

    static StagingOutcome failed(String reason) {
        return new StagingOutcome(StagingState.FAILED, null, reason, false, false);
    }

    static StagingOutcome unavailable(String reason) {
        return new StagingOutcome(StagingState.FAILED, null, reason, false, true);
    }
}
