package org.homeamp.report;

import org.homeamp.approval.UpdateResultRow;

/**
 * An update result as the pages show it.
 *
 * @param changeId      the workbook change id of its plugin-update row ({@code ""} when nothing is proposed)
 * @param stagedPath    the staged jar relative to the state dir, or {@code null}
 * @param stagingReason why the download was refused or failed (from the download's problem), or {@code null}
 */
public record UpdateView(UpdateResultRow result, String changeId, String stagedPath, String stagingReason) {
}
