package org.homeamp.report;

import java.time.Instant;

/**
 * Work a run could not do for one server and step (table {@code run_gap}): the report and mail name
 * it, so a night with one host down is marked incomplete instead of silently showing less.
 *
 * @param reason     the cause in the operator's words
 * @param resolvedAt when a restart did the missing work, or {@code null} while the gap is open
 */
public record RunGap(String server, String step, String reason, Instant recordedAt, Instant resolvedAt) {

    public boolean open() {
        return resolvedAt == null;
    }
}
