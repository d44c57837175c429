package org.homeamp.report;

import java.time.LocalDate;

/**
 * The counts of one run: the summary cards of {@code index.html} and the numbers in the mail subject.
 *
 * @param runId          job instance id of the run the report belongs to
 * @param newDrift       findings first seen in this run's drift scan
 * @param openDrift      findings seen before and still there
 * @param resolvedDrift  findings of the previous scan that are gone
 * @param pendingUpdates update results in state UPDATE_AVAILABLE
 * @param problems       rows of problems.html: the problem table for the date plus unparseable files
 */
public record ReportSummary(
        LocalDate date,
        long runId,
        long instances,
        long jars,
        long newDrift,
        long openDrift,
        long resolvedDrift,
        long pendingUpdates,
        long problems) {
}
