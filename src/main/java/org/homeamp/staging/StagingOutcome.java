package org.homeamp.staging;

import java.nio.file.Path;

/**
 * What staging one file came to.
 *
 * @param state      STAGED, UNVERIFIED or FAILED
 * @param path       the staged file, or {@code null} when FAILED
 * @param reason     why it failed, in one sentence with the URL and what to do; {@code null} otherwise
 * @param downloaded false when a verified file already in staging was kept
 */
public record StagingOutcome(StagingState state, Path path, String reason, boolean downloaded) {

    static StagingOutcome failed(String reason) {
        return new StagingOutcome(StagingState.FAILED, null, reason, false);
    }
}
