package org.homeamp.approval;

/**
 * A row that will not be deployed, and why.
 *
 * @param rowNumber the row number as the spreadsheet shows it (header is row 1)
 * @param changeId  the Change ID cell as found (may be empty)
 * @param reason    a full sentence naming the row and Change ID, what is wrong and what to do
 */
public record RefusedRow(int rowNumber, String changeId, String reason) {
}
