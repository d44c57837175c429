package org.homeamp.approval;

import java.util.List;

/**
 * What a returned workbook approves.
 *
 * @param approved rows with Approve = YES that passed every check, in sheet order
 * @param refused  rows that failed a check, in sheet order; rows with NO are in neither list
 * @param notes    things worth telling the operator that refuse nothing (counts, moved columns,
 *                 plan rows missing from the workbook)
 */
public record ReadResult(String planId, List<ApprovedRow> approved, List<RefusedRow> refused, List<String> notes) {
    public ReadResult {
        approved = List.copyOf(approved);
        refused = List.copyOf(refused);
        notes = List.copyOf(notes);
    }
}
