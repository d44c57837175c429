package org.homeamp.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.ZoneId;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every sheet prints usefully; the Drift sheet's Change IDs match the Changes sheet; Read me shows the configured zone. */
class WorkbookPrintAndDriftSheetTest {
    @TempDir
    Path dir;

    @Test
    void everySheetPrintsLandscapeOnePageWideWithItsHeaderRepeated() throws Exception {
        Path file = new ApprovalWorkbookWriter(PlanSigner.forStateDir(dir.resolve("state"))).write(TestPlans.plan("2026-11-25-abc123"),
                dir.resolve("a.xlsx")).file();

        try (XSSFWorkbook wb = Workbooks.open(file)) {
            for (Sheet s : wb) {
                XSSFSheet sheet = (XSSFSheet) s;
                assertThat(sheet.getPrintSetup().getLandscape()).as(sheet.getSheetName()).isTrue();
                assertThat(sheet.getPrintSetup().getFitWidth()).as(sheet.getSheetName()).isEqualTo((short) 1);
                assertThat(sheet.getPrintSetup().getFitHeight()).as(sheet.getSheetName()).isEqualTo((short) 0);
                assertThat(sheet.getFitToPage()).as(sheet.getSheetName()).isTrue();
                if (!sheet.getSheetName().equals(WorkbookLayout.READ_ME)) {
                    assertThat(sheet.getRepeatingRows()).as(sheet.getSheetName()).isNotNull();
                    assertThat(sheet.getRepeatingRows().getFirstRow()).isZero();
                    assertThat(sheet.getRepeatingRows().getLastRow()).isZero();
                }
            }
        }
    }

    @Test
    void driftSheetCarriesTheChangeIdOfEachFixableFinding() throws Exception {
        Plan plan = PlanBuilder.build("2026-11-20-abcdef", TestPlans.plan("x").created(), 7,
                java.util.List.of(PlanBuilderTest.finding("server.properties", "view-distance", "CHANGED", "8", "6", "NEW"),
                        PlanBuilderTest.finding("plugins/Essentials/config.yml", null, "UNPARSEABLE", null, null, "NEW")),
                java.util.List.of());
        Path file = new ApprovalWorkbookWriter(PlanSigner.forStateDir(dir.resolve("state"))).write(plan, dir.resolve("b.xlsx")).file();

        try (XSSFWorkbook wb = Workbooks.open(file)) {
            Sheet drift = wb.getSheet(WorkbookLayout.DRIFT);
            int col = WorkbookLayout.DRIFT_COLUMNS.indexOf(WorkbookLayout.CHANGE_ID);
            assertThat(drift.getRow(0).getCell(col).getStringCellValue()).isEqualTo("Change ID");
            Row fixable = drift.getRow(1);
            Row unparseable = drift.getRow(2);
            assertThat(fixable.getCell(WorkbookLayout.DRIFT_COLUMNS.indexOf("Key")).getStringCellValue()).isEqualTo("view-distance");
            assertThat(fixable.getCell(col).getStringCellValue()).isEqualTo(plan.changes().get(0).changeId())
                    .isEqualTo(wb.getSheet(WorkbookLayout.CHANGES).getRow(1).getCell(0).getStringCellValue());
            assertThat(unparseable.getCell(col)).isNull();
        }
    }

    @Test
    void readMeShowsCreatedAndExpiresInTheConfiguredZone() throws Exception {
        Path file = new ApprovalWorkbookWriter(PlanSigner.forStateDir(dir.resolve("state")), ZoneId.of("Europe/Berlin"))
                .write(TestPlans.plan("2026-11-25-abc123"), dir.resolve("c.xlsx")).file();

        try (XSSFWorkbook wb = Workbooks.open(file)) {
            StringBuilder all = new StringBuilder();
            for (Row r : wb.getSheet(WorkbookLayout.READ_ME)) {
                r.forEach(c -> all.append(c.getStringCellValue()).append('\n'));
            }
            assertThat(all).contains("Europe/Berlin").doesNotContain(" UTC");
        }
    }
}
