package org.homeamp.amp;

import java.time.Duration;
import java.util.Objects;

/**
 * How often an idempotent AMP read is sent again after a transient failure, and how long to wait in
 * between: exponential backoff from {@code firstDelay}, doubled per retry up to {@code maxDelay}; a
 * {@code Retry-After} on 429/503 is waited for instead when it is longer, unless it exceeds
 * {@code maxRetryAfter}, when the call gives up at once (see docs/decisions.md D-A1).
 *
 * @param attempts      calls in all, the first included (1 = never retry)
 * @param firstDelay    wait before the first retry
 * @param maxDelay      longest computed wait between two attempts
 * @param maxRetryAfter longest {@code Retry-After} this client honours
 */
public record RetryPolicy(int attempts, Duration firstDelay, Duration maxDelay, Duration maxRetryAfter) {

    /** 5 attempts, waits of 0.25, 0.5, 1 and 2 s: under 4 s per call before a read counts as failed. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(250), Duration.ofSeconds(4), Duration.ofSeconds(30));

    /** One attempt only. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (attempts < 1 || firstDelay.isNegative() || maxDelay.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("retry policy needs attempts >= 1 and no negative waits");
        }
    }

    /**
     * The wait before retry number {@code retry} (1 = the first retry), or null when the server asked
     * for a longer wait than this policy honours.
     */
    Duration delayBefore(int retry, Duration retryAfter) {
        long factor = 1L << Math.min(20, retry - 1);
        Duration backoff = firstDelay.multipliedBy(factor);
        if (backoff.compareTo(maxDelay) > 0) {
            backoff = maxDelay;
        }
        if (retryAfter == null) {
            return backoff;
        }
        if (retryAfter.compareTo(maxRetryAfter) > 0) {
            return null;
        }
        return retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
    }
}
