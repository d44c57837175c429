package org.homeamp.approval;

import static org.homeamp.approval.WorkbookLayout.*;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openxmlformats.schemas.officeDocument.x2006.customProperties.CTProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a returned approvals workbook and decides, row by row, what may be deployed (SPEC §10).
 * The live-value ("stale row") check needs the instances and is left to deploy.
 *
 * <p><b>Whole workbook refused</b> ({@link WorkbookRefusedException}): the file is not a workbook;
 * it carries no plan id; the plan is unknown; the plan has expired at {@code clock}'s now; there is
 * no sheet called {@code Changes} (the message lists the sheets there are); a required column
 * header is missing or appears twice (the message says which header to restore). Columns are found
 * by their header text (trimmed, any case), so moving columns is fine; renaming one is not.
 * Details is the one column that may go missing: it is for people and not signed.
 *
 * <p><b>Approve</b> is read trimmed and case-insensitive, because volunteers use other spreadsheet
 * tools (where the drop-down may not hold), paste, or type in their own language.
 * YES: {@code yes y ja j oui si sí true x 1 ✓ ✔}. NO: {@code no n nein non false 0} and empty.
 * Anything else refuses the row ("Approve must be YES or NO") rather than guessing.
 * Rows answered NO are not approved and not checked further; they are neither approved nor refused.
 *
 * <p><b>A row answered YES is refused</b> when: it has no Change ID; its Change ID appears on more
 * than one YES-or-garbage row (every such occurrence is refused, because picking one would guess
 * whose approval counts); the Change ID is not in the plan; the signature is missing; a signed
 * cell (Server, Instance, Type, Plugin, File, Setting, Current, Proposed) differs from the plan
 * (the reason names the cells); or the signature does not verify for this plan id (a row copied
 * from another plan's workbook, or forged). Approved rows carry the change as the plan stored it.
 */
public final class ApprovalWorkbookReader {
    private static final Logger log = LoggerFactory.getLogger(ApprovalWorkbookReader.class);

    private static final Set<String> YES = Set.of("yes", "y", "ja", "j", "oui", "si", "sí", "true", "x", "1", "✓", "✔");
    private static final Set<String> NO = Set.of("no", "n", "nein", "non", "false", "0", "");

    private enum Answer { YES, NO, INVALID }

    private final PlanSigner signer;

    public ApprovalWorkbookReader(PlanSigner signer) {
        this.signer = signer;
    }

    /**
     * Reads {@code workbook} against the plan it names.
     *
     * @param plans where plans are looked up by id
     * @param clock decides whether the plan has expired
     * @throws WorkbookRefusedException when nothing in the workbook can be trusted (see class doc)
     */
    public ReadResult read(Path workbook, PlanLookup plans, Clock clock) {
        Workbook wb = open(workbook);
        try {
            String planId = planId(wb);
            if (planId == null) {
                throw new WorkbookRefusedException(workbook, "it names no plan (no '" + PLAN_ID_PROPERTY
                        + "' document property and no '" + PLAN_ID_LABEL + "' row on the '" + READ_ME
                        + "' sheet). Use the workbook the report produced.");
            }
            Plan plan = plans.find(planId).orElseThrow(() -> new WorkbookRefusedException(workbook, "plan " + planId
                    + " is not known here (a workbook from another installation, or a plan that was removed)."
                    + " Approve in the latest run's workbook."));
            Instant now = clock.instant();
            if (plan.isExpiredAt(now)) {
                throw new WorkbookRefusedException(workbook, "plan " + planId + " expired at " + plan.expires()
                        + " (now " + now + "). Approve again in the latest run's workbook.");
            }
            Sheet sheet = changesSheet(wb, workbook);
            Columns columns = columns(sheet, workbook);
            return readRows(workbook, plan, sheet, columns);
        } finally {
            close(wb, workbook);
        }
    }

    /** Opened read-only, so nothing was written and a failing close does not change the result. */
    private static void close(Workbook wb, Path workbook) {
        try {
            wb.close();
        } catch (IOException e) {
            log.debug("closing {} failed: {}", workbook, e.getMessage());
        }
    }

    private static Workbook open(Path workbook) {
        try {
            return WorkbookFactory.create(workbook.toFile(), null, true);
        } catch (Exception e) {
            throw new WorkbookRefusedException(workbook, "it cannot be opened as an Excel workbook (" + e.getMessage()
                    + "). Save it as .xlsx and try again.", e);
        }
    }

    /** The document property is preferred: it survives edits to the Read me sheet. */
    private static String planId(Workbook wb) {
        if (wb instanceof XSSFWorkbook xssf) {
            POIXMLProperties.CustomProperties custom = xssf.getProperties().getCustomProperties();
            CTProperty property = custom.getProperty(PLAN_ID_PROPERTY);
            if (property != null && property.isSetLpwstr() && !property.getLpwstr().isBlank()) {
                return property.getLpwstr().strip();
            }
        }
        Sheet readMe = sheetNamed(wb, READ_ME);
        if (readMe == null) {
            return null;
        }
        for (Row row : readMe) {
            if (PLAN_ID_LABEL.equalsIgnoreCase(text(row, 0).strip())) {
                String id = text(row, 1).strip();
                return id.isEmpty() ? null : id;
            }
        }
        return null;
    }

    private static Sheet changesSheet(Workbook wb, Path workbook) {
        Sheet sheet = sheetNamed(wb, CHANGES);
        if (sheet == null) {
            List<String> names = new ArrayList<>();
            for (Sheet s : wb) {
                names.add("'" + s.getSheetName() + "'");
            }
            throw new WorkbookRefusedException(workbook, "it has no sheet named '" + CHANGES + "'; its sheets are "
                    + String.join(", ", names) + ". Rename the sheet with the changes back to '" + CHANGES + "'.");
        }
        return sheet;
    }

    private static Sheet sheetNamed(Workbook wb, String name) {
        for (Sheet s : wb) {
            if (s.getSheetName().strip().equalsIgnoreCase(name)) {
                return s;
            }
        }
        return null;
    }

    /** Column index per header name, or a refusal that says which header to restore. */
    private static Columns columns(Sheet sheet, Path workbook) {
        Row header = sheet.getRow(0);
        Map<String, Integer> found = new LinkedHashMap<>();
        List<String> repeated = new ArrayList<>();
        if (header != null) {
            for (Cell cell : header) {
                String name = text(header, cell.getColumnIndex()).strip();
                if (name.isEmpty()) {
                    continue;
                }
                String known = CHANGE_COLUMNS.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst().orElse(name);
                if (found.putIfAbsent(known, cell.getColumnIndex()) != null) {
                    repeated.add(known);
                }
            }
        }
        if (!repeated.isEmpty()) {
            throw new WorkbookRefusedException(workbook, "row 1 of sheet '" + sheet.getSheetName() + "' has the header(s) "
                    + quoted(repeated) + " more than once. Keep one column per header (or use a fresh copy of the workbook).");
        }
        List<String> missing = REQUIRED_COLUMNS.stream().filter(c -> !found.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new WorkbookRefusedException(workbook, "row 1 of sheet '" + sheet.getSheetName() + "' lacks the header(s) "
                    + quoted(missing) + "; headers found: " + quoted(List.copyOf(found.keySet()))
                    + ". Columns are found by header: rename them back to " + quoted(missing) + " exactly.");
        }
        return new Columns(found);
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }

    private ReadResult readRows(Path workbook, Plan plan, Sheet sheet, Columns columns) {
        Map<String, ProposedChange> byId = new LinkedHashMap<>();
        plan.changes().forEach(c -> byId.put(c.changeId(), c));

        List<SheetRow> rows = new ArrayList<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            SheetRow row = SheetRow.of(sheet.getRow(r), r + 1, columns);
            if (row != null) {
                rows.add(row);
            }
        }
        // Only rows that would count (YES, or a value we refuse) make a repeated id a problem.
        Map<String, List<Integer>> countedRowsById = new LinkedHashMap<>();
        Map<String, Integer> seenAnywhere = new LinkedHashMap<>();
        for (SheetRow row : rows) {
            if (!row.changeId.isEmpty()) {
                seenAnywhere.merge(row.changeId, 1, Integer::sum);
                if (answer(row.approve) != Answer.NO) {
                    countedRowsById.computeIfAbsent(row.changeId, k -> new ArrayList<>()).add(row.number);
                }
            }
        }

        List<ApprovedRow> approved = new ArrayList<>();
        List<RefusedRow> refused = new ArrayList<>();
        int notApproved = 0;
        for (SheetRow row : rows) {
            Answer answer = answer(row.approve);
            if (answer == Answer.NO) {
                notApproved++;
                continue;
            }
            String where = row.changeId.isEmpty() ? "row " + row.number : "row " + row.number + " (" + row.changeId + ")";
            String problem = problem(plan, byId, row, answer, countedRowsById);
            if (problem != null) {
                RefusedRow refusal = new RefusedRow(row.number, row.changeId, where + ": " + problem);
                log.warn("approvals {} refused {}", workbook.getFileName(), refusal.reason());
                refused.add(refusal);
            } else {
                approved.add(new ApprovedRow(row.number, byId.get(row.changeId), row.approvedBy, row.note));
            }
        }

        List<String> notes = new ArrayList<>();
        notes.add(approved.size() + " row(s) approved, " + refused.size() + " refused, " + notApproved
                + " not approved (NO or empty) in plan " + plan.planId());
        if (!columns.inWrittenOrder()) {
            notes.add("columns on sheet '" + sheet.getSheetName() + "' are in a different order than written; they were found by their headers");
        }
        if (!columns.has(DETAILS)) {
            notes.add("the '" + DETAILS + "' column is missing; it is for reading only, so nothing is refused for it");
        }
        long absent = byId.keySet().stream().filter(id -> !seenAnywhere.containsKey(id)).count();
        if (absent > 0) {
            notes.add(absent + " change(s) of plan " + plan.planId() + " have no row in the workbook (rows deleted?); they are not approved");
        }
        log.info("approvals {} (plan {}): {} approved, {} refused, {} not approved", workbook.getFileName(),
                plan.planId(), approved.size(), refused.size(), notApproved);
        return new ReadResult(plan.planId(), approved, refused, notes);
    }

    /** Why a YES (or unreadable) row cannot be deployed, or {@code null} when it can. */
    private String problem(Plan plan, Map<String, ProposedChange> byId, SheetRow row, Answer answer,
                           Map<String, List<Integer>> countedRowsById) {
        if (answer == Answer.INVALID) {
            return "Approve must be YES or NO, found '" + row.approve + "'. Pick YES or NO from the drop-down (empty means NO).";
        }
        if (row.changeId.isEmpty()) {
            return "Approve is YES but the Change ID cell is empty, so the row cannot be matched to the plan."
                    + " Use a fresh copy of the workbook.";
        }
        List<Integer> sameId = countedRowsById.get(row.changeId);
        if (sameId.size() > 1) {
            return "Change ID " + row.changeId + " is approved on rows " + sameId.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + ". Keep one row per change; none of them is deployed until then.";
        }
        ProposedChange planned = byId.get(row.changeId);
        if (planned == null) {
            return "Change ID " + row.changeId + " is not part of plan " + plan.planId()
                    + " (copied from another plan's workbook, or made up). Approve it in the workbook of the run that proposes it.";
        }
        if (row.signature.isBlank()) {
            return "the signature (hidden column '" + SIGNATURE + "') is missing, so the row cannot be trusted."
                    + " Use a fresh copy of the workbook.";
        }
        List<String> edited = editedCells(planned, row);
        if (!edited.isEmpty()) {
            return "signed cell(s) " + quoted(edited) + " differ from what plan " + plan.planId()
                    + " proposed; edited rows are never deployed. Undo the edit, or approve in a fresh copy of the workbook.";
        }
        if (!signer.verify(plan.planId(), planned, row.signature)) {
            return "the signature was not made for this row of plan " + plan.planId()
                    + " (copied from another plan's workbook, or forged). Approve it in this plan's own row.";
        }
        return null;
    }

    private static List<String> editedCells(ProposedChange planned, SheetRow row) {
        List<String> edited = new ArrayList<>();
        compare(edited, SERVER, planned.server(), row.server);
        compare(edited, INSTANCE, planned.instance(), row.instance);
        compare(edited, TYPE, planned.type().label(), row.type);
        compare(edited, PLUGIN, planned.plugin(), row.plugin);
        compare(edited, FILE, planned.file(), row.file);
        compare(edited, SETTING, planned.setting(), row.setting);
        compare(edited, CURRENT, planned.current(), row.current);
        compare(edited, PROPOSED, planned.proposed(), row.proposed);
        return edited;
    }

    /** An empty cell stands for a {@code null} in the plan, as the writer leaves such cells empty. */
    private static void compare(List<String> edited, String column, String planned, String cell) {
        if (!Objects.equals(planned == null ? "" : planned, cell)) {
            edited.add(column);
        }
    }

    private static Answer answer(String approve) {
        String typed = approve.strip().toLowerCase(Locale.ROOT);
        if (YES.contains(typed)) {
            return Answer.YES;
        }
        return NO.contains(typed) ? Answer.NO : Answer.INVALID;
    }

    /** Cell text as the sheet holds it; numbers without a trailing {@code .0}, formulas by their cached value. */
    static String text(Row row, Integer col) {
        if (row == null || col == null) {
            return "";
        }
        Cell cell = row.getCell(col);
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC -> NumberToTextConverter.toText(cell.getNumericCellValue());
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            default -> "";
        };
    }

    /** Header name to column index, as found on the sheet. */
    private record Columns(Map<String, Integer> byName) {
        Integer of(String name) {
            return byName.get(name);
        }

        boolean has(String name) {
            return byName.containsKey(name);
        }

        boolean inWrittenOrder() {
            for (int i = 0; i < CHANGE_COLUMNS.size(); i++) {
                Integer at = byName.get(CHANGE_COLUMNS.get(i));
                if (at != null && at != i) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One data row's cells by meaning. Signed cells are kept exactly; people's cells are trimmed. */
    private record SheetRow(int number, String changeId, String server, String instance, String type, String plugin,
                            String file, String setting, String current, String proposed, String approve,
                            String approvedBy, String note, String signature) {

        /** The row, or {@code null} when every cell that matters is empty (blank lines are not rows). */
        static SheetRow of(Row row, int number, Columns c) {
            if (row == null) {
                return null;
            }
            SheetRow r = new SheetRow(number, text(row, c.of(CHANGE_ID)).strip(), text(row, c.of(SERVER)),
                    text(row, c.of(INSTANCE)), text(row, c.of(TYPE)), text(row, c.of(PLUGIN)), text(row, c.of(FILE)),
                    text(row, c.of(SETTING)), text(row, c.of(CURRENT)), text(row, c.of(PROPOSED)),
                    text(row, c.of(APPROVE)).strip(), text(row, c.of(APPROVED_BY)).strip(), text(row, c.of(NOTE)).strip(),
                    text(row, c.of(SIGNATURE)).strip());
            boolean blank = r.changeId.isEmpty() && r.server.isEmpty() && r.instance.isEmpty() && r.file.isEmpty()
                    && r.approve.isEmpty() && r.signature.isEmpty();
            return blank ? null : r;
        }
    }
}
