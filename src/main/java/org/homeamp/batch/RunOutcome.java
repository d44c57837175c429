package org.homeamp.batch;

import org.springframework.batch.core.BatchStatus;

/**
 * What a {@code run} or {@code restart} did.
 *
 * @param executionId the job execution (0 when nothing ran)
 * @param status      its final status
 * @param message     one or more lines for the operator
 * @param ran         false when nothing was started (already complete, nothing to restart)
 */
public record RunOutcome(long executionId, BatchStatus status, String message, boolean ran) {
    public boolean failed() {
        return ran && status != BatchStatus.COMPLETED;
    }
}
