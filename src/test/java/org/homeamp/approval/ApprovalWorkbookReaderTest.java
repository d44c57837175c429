package org.homeamp.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A written workbook edited the ways an operator or a forger would, then read back. */
class ApprovalWorkbookReaderTest {
    private static final int CHANGE_ID = 0;
    private static final int CURRENT = 7;
    private static final int PROPOSED = 8;
    private static final int APPROVE = 10;
    private static final int APPROVED_BY = 11;
    private static final int NOTE = 12;
    private static final int SIGNATURE = 13;

    @TempDir
    Path dir;

    private final Plan plan = TestPlans.plan("2026-11-25-a1b2c3");
    private final Clock duringPlan = Clock.fixed(TestPlans.CREATED.plusSeconds(3600), ZoneOffset.UTC);
    private ApprovalWorkbookWriter writer;
    private ApprovalWorkbookReader reader;
    private InMemoryPlanLookup plans;
    private Path workbook;

    @BeforeEach
    void setUp() {
        PlanSigner signer = PlanSigner.forStateDir(dir.resolve("state"));
        writer = new ApprovalWorkbookWriter(signer);
        reader = new ApprovalWorkbookReader(signer);
        plans = new InMemoryPlanLookup(plan);
        workbook = writer.write(plan, dir.resolve("approvals.xlsx")).file();
    }

    @Test
    void untouchedWorkbookApprovesAndRefusesNothing() {
        ReadResult result = reader.read(workbook, plans, duringPlan);

        assertThat(result.planId()).isEqualTo(plan.planId());
        assertThat(result.approved()).isEmpty();
        assertThat(result.refused()).isEmpty();
        assertThat(result.notes()).contains("0 row(s) approved, 0 refused, 6 not approved (NO or empty) in plan 2026-11-25-a1b2c3");
    }

    @Test
    void approvedRowsCarryThePlanChangeTheApproverAndTheNote() {
        Path returned = edit(wb -> {
            answer(wb, 1, "YES", "  Alice ", "after the event");
            answer(wb, 2, "NO", "Bob", "");
            answer(wb, 5, "YES", "Alice", "");
        });

        ReadResult result = reader.read(returned, plans, duringPlan);

        assertThat(result.refused()).isEmpty();
        assertThat(result.approved()).containsExactly(
                new ApprovedRow(2, plan.changes().get(0), "Alice", "after the event"),
                new ApprovedRow(6, plan.changes().get(4), "Alice", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"YES", "yes", " Yes ", "y", "Y", "ja", "J", "oui", "si", "sí", "true", "TRUE", "x", "X", "1", "✓", "✔"})
    void everyYesSpellingApproves(String typed) {
        Path returned = edit(wb -> answer(wb, 1, typed, "Alice", ""));

        ReadResult result = reader.read(returned, plans, duringPlan);

        assertThat(result.refused()).isEmpty();
        assertThat(result.approved()).extracting(ApprovedRow::change).containsExactly(plan.changes().get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NO", "no", " No ", "n", "N", "nein", "non", "false", "FALSE", "0", "", "   "})
    void everyNoSpellingLeavesTheRowOutWithoutRefusingIt(String typed) {
        Path returned = edit(wb -> answer(wb, 1, typed, "Alice", ""));

        ReadResult result = reader.read(returned, plans, duringPlan);

        assertThat(result.approved()).isEmpty();
        assertThat(result.refused()).isEmpty();
    }

    @Test
    void numberAndBooleanCellsAreReadAsTyped() {
        Path returned = edit(wb -> {
            cell(changes(wb).getRow(1), APPROVE).setCellValue(1);
            cell(changes(wb).getRow(2), APPROVE).setCellValue(true);
            cell(changes(wb).getRow(3), APPROVE).setCellValue(0);
        });

        ReadResult result = reader.read(returned, plans, duringPlan);

        assertThat(result.approved()).extracting(ApprovedRow::rowNumber).containsExactly(2, 3);
        assertThat(result.refused()).isEmpty();
    }

    @Test
    void garbageInApproveRefusesTheRow() {
        Path returned = edit(wb -> answer(wb, 1, "maybe", "Alice", ""));

        ReadResult result = reader.read(returned, plans, duringPlan);

        assertThat(result.approved()).isEmpty();
        assertThat(result.refused()).singleElement().satisfies(r -> {
            assertThat(r.rowNumber()).isEqualTo(2);
            assertThat(r.changeId()).isEqualTo(plan.changes().get(0).changeId());
            assertThat(r.reason()).startsWith("row 2 (" + plan.changes().get(0).changeId() + "): ")
                    .contains("Approve must be YES or NO").contains("'maybe'");
        });
    }

    @Test
    void editedProposedIsRefusedAndNamed() {
        Path returned = edit(wb -> {
            answer(wb, 1, "YES", "Mallory", "");
            cell(changes(wb).getRow(1), PROPOSED).setCellValue("30");
        });

        RefusedRow refusal = singleRefusal(returned);

        assertThat(refusal.reason()).contains("row 2 (" + plan.changes().get(0).changeId() + ")").contains("'Proposed'")
                .contains("never deployed");
    }

    @Test
    void editedCurrentIsRefusedAndNamed() {
        Path returned = edit(wb -> {
            answer(wb, 2, "YES", "Mallory", "");
            cell(changes(wb).getRow(2), CURRENT).setCellValue("16");
        });

        assertThat(singleRefusal(returned).reason()).contains("row 3").contains("'Current'").doesNotContain("'Proposed'");
    }

    @Test
    void rowCopiedFromAnotherPlansWorkbookIsRefused() {
        // Change ids are stable across runs, so yesterday's row for the same setting has the same id and
        // the same values: only the plan id inside the signature tells them apart.
        Plan yesterday = new Plan("2026-11-24-0f0f0f", TestPlans.CREATED.minusSeconds(86_400), TestPlans.EXPIRES,
                plan.changes(), List.of(), List.of());
        Path other = writer.write(yesterday, dir.resolve("yesterday.xlsx")).file();
        List<String> copied = rowCells(other, 1);
        assertThat(copied.get(SIGNATURE)).isNotEqualTo(rowCells(workbook, 1).get(SIGNATURE));
        Path returned = edit(wb -> {
            setRow(changes(wb).getRow(1), copied);
            answer(wb, 1, "YES", "Mallory", "");
        });

        RefusedRow refusal = singleRefusal(returned);

        assertThat(refusal.reason()).contains("row 2").contains("signature was not made for this row of plan 2026-11-25-a1b2c3")
                .contains("copied from another plan");
    }

    @Test
    void rowWhoseChangeIsNotInThePlanIsRefused() {
        ProposedChange extra = TestPlans.config("lobby", "Lobby01", "Essentials", "plugins/Essentials/config.yml", "spawn-on-join",
                "false", "true", "");
        List<ProposedChange> withExtra = new ArrayList<>(plan.changes());
        withExtra.add(extra);
        Plan other = new Plan("2026-11-24-0f0f0f", TestPlans.CREATED, TestPlans.EXPIRES, withExtra, List.of(), List.of());
        List<String> copied = rowCells(writer.write(other, dir.resolve("other.xlsx")).file(), withExtra.size());
        Path returned = edit(wb -> {
            setRow(changes(wb).createRow(7), copied);
            answer(wb, 7, "YES", "Mallory", "");
        });

        RefusedRow refusal = singleRefusal(returned);

        assertThat(refusal.rowNumber()).isEqualTo(8);
        assertThat(refusal.reason()).contains(extra.changeId()).contains("not part of plan 2026-11-25-a1b2c3");
    }

    @Test
    void duplicatedRowRefusesEveryApprovedCopy() {
        Path returned = edit(wb -> {
            answer(wb, 1, "YES", "Alice", "");
            setRow(changes(wb).createRow(7), rowCells(changes(wb).getRow(1)));
        });

        ReadResult result = reader.read(returned, plans, duringPlan);

        assertThat(result.approved()).isEmpty();
        assertThat(result.refused()).extracting(RefusedRow::rowNumber).containsExactly(2, 8);
        assertThat(result.refused()).allSatisfy(r -> assertThat(r.reason()).contains("approved on rows 2, 8"));
    }

    @Test
    void duplicateAnsweredNoDoesNotBlockTheApprovedRow() {
        Path returned = edit(wb -> {
            setRow(changes(wb).createRow(7), rowCells(changes(wb).getRow(1)));
            answer(wb, 1, "YES", "Alice", "");
            answer(wb, 7, "NO", "Bob", "");
        });

        ReadResult result = reader.read(returned, plans, duringPlan);

        assertThat(result.refused()).isEmpty();
        assertThat(result.approved()).extracting(ApprovedRow::rowNumber).containsExactly(2);
    }

    @Test
    void deletedSignatureIsRefused() {
        Path returned = edit(wb -> {
            answer(wb, 1, "YES", "Alice", "");
            XSSFRow row = changes(wb).getRow(1);
            row.removeCell(row.getCell(SIGNATURE));
        });

        assertThat(singleRefusal(returned).reason()).contains("signature").contains("missing");
    }

    @Test
    void madeUpSignatureIsRefused() {
        Path returned = edit(wb -> {
            answer(wb, 1, "YES", "Alice", "");
            String real = changes(wb).getRow(1).getCell(SIGNATURE).getStringCellValue();
            cell(changes(wb).getRow(1), SIGNATURE).setCellValue(org.homeamp.testing.WrongValues.flipped(real));
        });

        assertThat(singleRefusal(returned).reason()).contains("signature was not made").contains("forged");
    }

    @Test
    void unknownPlanRefusesTheWholeWorkbook() {
        assertThatThrownBy(() -> reader.read(workbook, new InMemoryPlanLookup(), duringPlan))
                .isInstanceOf(WorkbookRefusedException.class)
                .hasMessageContaining(workbook.toString())
                .hasMessageContaining("plan 2026-11-25-a1b2c3 is not known");
    }

    @Test
    void expiredPlanRefusesTheWholeWorkbook() {
        Path returned = edit(wb -> answer(wb, 1, "YES", "Alice", ""));

        assertThatThrownBy(() -> reader.read(returned, plans, Clock.fixed(TestPlans.EXPIRES, ZoneOffset.UTC)))
                .isInstanceOf(WorkbookRefusedException.class)
                .hasMessageContaining("expired at 2026-12-02T02:00:00Z")
                .hasMessageContaining("latest run's workbook");
        assertThat(reader.read(returned, plans, Clock.fixed(TestPlans.EXPIRES.minusSeconds(1), ZoneOffset.UTC)).approved())
                .as("a second before expiry it still counts").hasSize(1);
    }

    @Test
    void renamedChangesSheetRefusesTheWholeWorkbookAndListsTheSheets() {
        Path returned = edit(wb -> wb.setSheetName(1, "Approvals"));

        assertThatThrownBy(() -> reader.read(returned, plans, duringPlan))
                .isInstanceOf(WorkbookRefusedException.class)
                .hasMessageContaining("no sheet named 'Changes'")
                .hasMessageContaining("'Read me', 'Approvals', 'Drift', 'Updates'");
    }

    @Test
    void movedColumnsAreFoundByTheirHeaders() {
        Path returned = edit(wb -> {
            swapColumns(changes(wb), CURRENT, PROPOSED);
            swapColumns(changes(wb), CHANGE_ID, APPROVE);
            cell(changes(wb).getRow(1), CHANGE_ID).setCellValue("YES");
        });

        ReadResult result = reader.read(returned, plans, duringPlan);

        assertThat(result.refused()).isEmpty();
        assertThat(result.approved()).extracting(ApprovedRow::change).containsExactly(plan.changes().get(0));
        assertThat(result.notes()).anyMatch(n -> n.contains("different order"));
    }

    @Test
    void renamedHeaderRefusesTheWholeWorkbookWithTheFix() {
        Path returned = edit(wb -> cell(changes(wb).getRow(0), PROPOSED).setCellValue("New value"));

        assertThatThrownBy(() -> reader.read(returned, plans, duringPlan))
                .isInstanceOf(WorkbookRefusedException.class)
                .hasMessageContaining("lacks the header(s) 'Proposed'")
                .hasMessageContaining("'New value'")
                .hasMessageContaining("rename them back");
    }

    @Test
    void headerTwiceRefusesTheWholeWorkbook() {
        Path returned = edit(wb -> cell(changes(wb).getRow(0), CURRENT).setCellValue("Proposed"));

        assertThatThrownBy(() -> reader.read(returned, plans, duringPlan))
                .isInstanceOf(WorkbookRefusedException.class)
                .hasMessageContaining("'Proposed' more than once");
    }

    @Test
    void workbookNamingNoPlanIsRefused() {
        Path returned = edit(wb -> {
            wb.getProperties().getCustomProperties().getUnderlyingProperties().removeProperty(0);
            wb.setSheetName(0, "Info");
        });

        assertThatThrownBy(() -> reader.read(returned, plans, duringPlan))
                .isInstanceOf(WorkbookRefusedException.class)
                .hasMessageContaining("names no plan");
    }

    @Test
    void headersAreMatchedWithoutCaseOrBlanks() {
        Path returned = edit(wb -> {
            cell(changes(wb).getRow(0), APPROVE).setCellValue(" approve ");
            answer(wb, 1, "YES", "Alice", "");
        });

        assertThat(reader.read(returned, plans, duringPlan).approved()).hasSize(1);
    }

    @Test
    void planIdIsFoundOnReadMeWhenTheDocumentPropertyIsGone() {
        Path returned = edit(wb -> {
            wb.getProperties().getCustomProperties().getUnderlyingProperties().removeProperty(0);
            answer(wb, 1, "YES", "Alice", "");
        });
        try (XSSFWorkbook check = Workbooks.open(returned)) {
            assertThat(check.getProperties().getCustomProperties().getProperty("HomeAMP plan ID")).isNull();
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        ReadResult result = reader.read(returned, plans, duringPlan);

        assertThat(result.planId()).isEqualTo(plan.planId());
        assertThat(result.approved()).hasSize(1);
    }

    @Test
    void deletedRowsAreNotedNotApproved() {
        Path returned = edit(wb -> {
            XSSFSheet changes = changes(wb);
            changes.removeRow(changes.getRow(6));
            answer(wb, 1, "YES", "Alice", "");
        });

        ReadResult result = reader.read(returned, plans, duringPlan);

        assertThat(result.approved()).hasSize(1);
        assertThat(result.notes()).anyMatch(n -> n.startsWith("1 change(s) of plan 2026-11-25-a1b2c3 have no row"));
    }

    @Test
    void fileThatIsNotAWorkbookIsRefused() throws Exception {
        Path junk = Files.writeString(dir.resolve("approvals-junk.xlsx"), "<html>not a workbook</html>");

        assertThatThrownBy(() -> reader.read(junk, plans, duringPlan))
                .isInstanceOf(WorkbookRefusedException.class)
                .hasMessageContaining("cannot be opened as an Excel workbook");
    }

    @Test
    void readerWorksOnTheFiveThousandRowWorkbook() {
        Plan large = TestPlans.large("P-large", 5_000, 2_000);
        Path file = writer.write(large, dir.resolve("large.xlsx")).file();
        Path returned = Workbooks.edited(file, dir.resolve("large-returned.xlsx"), wb -> {
            for (int r = 1; r <= 5_000; r += 2) {
                cell(changes(wb).getRow(r), APPROVE).setCellValue("YES");
            }
        });

        ReadResult result = reader.read(returned, new InMemoryPlanLookup(large), duringPlan);

        assertThat(result.approved()).hasSize(2_500);
        assertThat(result.refused()).isEmpty();
    }

    private RefusedRow singleRefusal(Path returned) {
        ReadResult result = reader.read(returned, plans, duringPlan);
        assertThat(result.approved()).isEmpty();
        assertThat(result.refused()).hasSize(1);
        return result.refused().get(0);
    }

    private Path edit(Consumer<XSSFWorkbook> edit) {
        return Workbooks.edited(workbook, dir.resolve("returned.xlsx"), edit);
    }

    private static XSSFSheet changes(XSSFWorkbook wb) {
        return wb.getSheet("Changes");
    }

    private static void answer(XSSFWorkbook wb, int row, String approve, String by, String note) {
        XSSFRow r = changes(wb).getRow(row);
        cell(r, APPROVE).setCellValue(approve);
        cell(r, APPROVED_BY).setCellValue(by);
        cell(r, NOTE).setCellValue(note);
    }

    /**
     * A fresh cell in place of the old one, keeping its style. POI's setCellValue on an inline-string
     * cell (how the streaming writer stores text) leaves the old text in place; Excel replaces the cell.
     */
    private static XSSFCell cell(XSSFRow row, int col) {
        XSSFCell old = row.getCell(col);
        if (old == null) {
            return row.createCell(col);
        }
        var style = old.getCellStyle();
        row.removeCell(old);
        XSSFCell fresh = row.createCell(col);
        fresh.setCellStyle(style);
        return fresh;
    }

    private static List<String> rowCells(Path file, int row) {
        try (XSSFWorkbook wb = Workbooks.open(file)) {
            return rowCells(changes(wb).getRow(row));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> rowCells(Row row) {
        List<String> values = new ArrayList<>();
        for (int col = 0; col <= SIGNATURE; col++) {
            Cell cell = row.getCell(col);
            values.add(cell == null || cell.getCellType() != CellType.STRING ? "" : cell.getStringCellValue());
        }
        return values;
    }

    private static void setRow(XSSFRow row, List<String> values) {
        for (int col = 0; col < values.size(); col++) {
            if (values.get(col).isEmpty()) {
                XSSFCell existing = row.getCell(col);
                if (existing != null) {
                    row.removeCell(existing);
                }
            } else {
                cell(row, col).setCellValue(values.get(col));
            }
        }
    }

    private static void swapColumns(XSSFSheet sheet, int a, int b) {
        for (int r = 0; r <= sheet.getLastRowNum(); r++) {
            XSSFRow row = sheet.getRow(r);
            List<String> values = rowCells(row);
            String first = values.get(a);
            values.set(a, values.get(b));
            values.set(b, first);
            setRow(row, values);
        }
    }
}
