package org.homeamp.approval;

/**
 * A row a volunteer approved whose signature and signed cells checked out.
 *
 * @param rowNumber  the row number as the spreadsheet shows it (header is row 1)
 * @param change     the change as the plan stored it (not as the cells say; they were verified equal)
 * @param approvedBy the Approved by cell as typed, trimmed; empty when left blank
 * @param note       the Note cell as typed, trimmed; empty when left blank
 */
public record ApprovedRow(int rowNumber, ProposedChange change, String approvedBy, String note) {
}
