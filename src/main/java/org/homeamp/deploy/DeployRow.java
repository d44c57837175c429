package org.homeamp.deploy;

import org.homeamp.approval.ChangeType;

/**
 * One approved (or refused-when-read) workbook row as a deployment keeps it.
 *
 * @param position   order of the row in the deployment (sheet order)
 * @param changeId   the row's Change ID
 * @param rowNumber  the spreadsheet row number, for messages
 * @param type       null when the row was refused before its cells could be trusted
 * @param current    the live value the plan saw (a fingerprint for secrets)
 * @param proposed   the value the plan proposes (a fingerprint for secrets)
 * @param approvedBy the Approved by cell
 */
public record DeployRow(
        int position,
        String changeId,
        int rowNumber,
        String server,
        String instance,
        ChangeType type,
        String plugin,
        String file,
        String setting,
        String current,
        String proposed,
        boolean secret,
        String checksumState,
        String approvedBy,
        String note,
        RowResult result,
        String reason,
        String sha256Before,
        String sha256After) {

    /** {@code C-1a2b3c4d5e (row 7)} for messages. */
    public String label() {
        return changeId + " (row " + rowNumber + ")";
    }
}
