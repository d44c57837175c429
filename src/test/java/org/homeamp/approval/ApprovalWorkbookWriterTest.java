package org.homeamp.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.ConditionalFormatting;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFDataValidation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class ApprovalWorkbookWriterTest {
    private static final Logger log = LoggerFactory.getLogger(ApprovalWorkbookWriterTest.class);

    @TempDir
    Path dir;

    private PlanSigner signer;
    private ApprovalWorkbookWriter writer;
    private final Plan plan = TestPlans.plan("2026-11-25-a1b2c3");

    @BeforeEach
    void setUp() {
        signer = PlanSigner.forStateDir(dir.resolve("state"));
        writer = new ApprovalWorkbookWriter(signer);
    }

    @Test
    void sheetsAreReadMeChangesDriftUpdatesInThatOrder() throws Exception {
        try (XSSFWorkbook wb = written()) {
            List<String> names = new ArrayList<>();
            wb.forEach(s -> names.add(s.getSheetName()));
            assertThat(names).containsExactly("Read me", "Changes", "Drift", "Updates");
        }
    }

    @Test
    void changesHasTheContractColumnsAndOneSignedRowPerChange() throws Exception {
        try (XSSFWorkbook wb = written()) {
            Sheet changes = wb.getSheet("Changes");
            assertThat(rowText(changes.getRow(0))).containsExactly("Change ID", "Server", "Instance", "Type", "Plugin", "File",
                    "Setting", "Current", "Proposed", "Details", "Approve", "Approved by", "Note", "Signature");
            assertThat(changes.getLastRowNum()).isEqualTo(plan.changes().size());
            for (int i = 0; i < plan.changes().size(); i++) {
                ProposedChange c = plan.changes().get(i);
                Row row = changes.getRow(i + 1);
                assertThat(text(row, 0)).isEqualTo(c.changeId());
                assertThat(text(row, 3)).isEqualTo(c.type().label());
                assertThat(text(row, 10)).as("Approve starts empty").isEmpty();
                assertThat(signer.verify(plan.planId(), c, text(row, 13))).isTrue();
            }
            assertThat(text(changes.getRow(6), 9)).as("unverified jar visible in Details").contains("checksum: UNVERIFIED");
        }
    }

    @Test
    void approveHasAYesNoDropDownWithItsArrowShown() throws Exception {
        try (XSSFWorkbook wb = written()) {
            XSSFSheet changes = wb.getSheet("Changes");
            List<XSSFDataValidation> validations = changes.getDataValidations();

            assertThat(validations).hasSize(1);
            XSSFDataValidation approve = validations.get(0);
            assertThat(approve.getValidationConstraint().getExplicitListValues()).containsExactly("YES", "NO");
            CellRangeAddress range = approve.getRegions().getCellRangeAddress(0);
            assertThat(range.formatAsString()).isEqualTo("K2:K" + (plan.changes().size() + 1));
            assertThat(changes.getCTWorksheet().getDataValidations().getDataValidationArray(0).getShowDropDown()).as("showDropDown=true would hide the arrow").isFalse();
            assertThat(approve.getShowErrorBox()).isTrue();
        }
    }

    @Test
    void approveIsColouredByConditionalFormatting() throws Exception {
        try (XSSFWorkbook wb = written()) {
            var formatting = wb.getSheet("Changes").getSheetConditionalFormatting();
            assertThat(formatting.getNumConditionalFormattings()).isEqualTo(1);
            ConditionalFormatting approve = formatting.getConditionalFormattingAt(0);
            assertThat(approve.getFormattingRanges()[0].formatAsString()).isEqualTo("K2:K" + (plan.changes().size() + 1));
            assertThat(approve.getNumberOfRules()).isEqualTo(2);
            assertThat(approve.getRule(0).getFormula1()).isEqualTo("\"YES\"");
            assertThat(approve.getRule(1).getFormula1()).isEqualTo("\"NO\"");
        }
    }

    @Test
    void everySheetIsProtectedAndOnlyApproveApprovedByAndNoteAreUnlocked() throws Exception {
        try (XSSFWorkbook wb = written()) {
            wb.forEach(s -> assertThat(((XSSFSheet) s).isSheetLocked()).as(s.getSheetName()).isTrue());
            XSSFSheet changes = wb.getSheet("Changes");
            assertThat(changes.isAutoFilterLocked()).as("filtering allowed on the protected sheet").isFalse();
            for (Row row : changes) {
                for (Cell cell : row) {
                    boolean editable = row.getRowNum() > 0 && cell.getColumnIndex() >= 10 && cell.getColumnIndex() <= 12;
                    assertThat(cell.getCellStyle().getLocked()).as(cell.getAddress().formatAsString()).isEqualTo(!editable);
                }
                if (row.getRowNum() > 0) {
                    for (int col = 10; col <= 12; col++) {
                        assertThat(row.getCell(col)).as("editable cell exists, so it carries the unlocked style").isNotNull();
                    }
                }
            }
        }
    }

    @Test
    void signatureColumnIsHidden() throws Exception {
        try (XSSFWorkbook wb = written()) {
            Sheet changes = wb.getSheet("Changes");
            assertThat(changes.isColumnHidden(13)).isTrue();
            for (int col = 0; col < 13; col++) {
                assertThat(changes.isColumnHidden(col)).isFalse();
                assertThat(changes.getColumnWidth(col)).as("readable width").isGreaterThanOrEqualTo(8 * 256);
            }
        }
    }

    @Test
    void headerIsFrozenAndAutofilterIsOnEveryTable() throws Exception {
        try (XSSFWorkbook wb = written()) {
            for (String name : List.of("Changes", "Drift", "Updates")) {
                XSSFSheet sheet = wb.getSheet(name);
                PaneInformation pane = sheet.getPaneInformation();
                assertThat(pane).as(name).isNotNull();
                assertThat(pane.isFreezePane()).isTrue();
                assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
                assertThat(pane.getVerticalSplitPosition()).isEqualTo((short) 0);
                assertThat(sheet.getCTWorksheet().isSetAutoFilter()).as(name).isTrue();
            }
            assertThat(wb.getSheet("Changes").getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:M" + (plan.changes().size() + 1));
        }
    }

    @Test
    void readMeNamesPlanDatesAndCountsPerType() throws Exception {
        try (XSSFWorkbook wb = written()) {
            List<String> lines = new ArrayList<>();
            wb.getSheet("Read me").forEach(r -> lines.add(String.join(" | ", rowText(r))));
            String all = String.join("\n", lines);

            assertThat(lines).contains("Plan ID | 2026-11-25-a1b2c3", "Created | 2026-11-25 02:00 UTC",
                    "Expires | 2026-12-02 02:00 UTC", "Changes proposed | 6", "  config | 3", "  new-file | 1",
                    "  plugin-update | 2", "Drift findings | 2", "Update results | 3");
            assertThat(all).contains("YES", "Approved by", "UNVERIFIED", "without a password");
            assertThat(wb.getProperties().getCustomProperties().getProperty("HomeAMP plan ID").getLpwstr()).isEqualTo(plan.planId());
        }
    }

    @Test
    void driftAndUpdatesListEverythingFound() throws Exception {
        try (XSSFWorkbook wb = written()) {
            // the Change ID column matches Drift rows with the Changes sheet, drift.html and drift.json
            assertThat(rowText(wb.getSheet("Drift").getRow(0))).containsExactly("ID", "Change ID", "Server", "Instance", "File", "Key", "Kind",
                    "Expected", "Actual", "State", "First seen");
            assertThat(wb.getSheet("Drift").getLastRowNum()).isEqualTo(2);
            assertThat(rowText(wb.getSheet("Updates").getRow(0))).containsExactly("Server", "Instance", "Plugin", "Installed",
                    "Latest", "State", "Channel", "Source", "Checksum", "Staged");
            assertThat(rowText(wb.getSheet("Updates").getRow(2))).contains("ViaVersion", "UNVERIFIED", "yes");
        }
    }

    @Test
    void plantedSecretAppearsInNoCellAndNoXmlPart() throws Exception {
        Path file = writer.write(plan, dir.resolve("approvals.xlsx")).file();

        try (XSSFWorkbook wb = Workbooks.open(file)) {
            for (Sheet sheet : wb) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        String value = new DataFormatter().formatCellValue(cell);
                        assertThat(value).doesNotContain(TestPlans.PLANTED_SECRET).doesNotContain(TestPlans.PLANTED_SECRET_NEW);
                    }
                }
            }
        }
        boolean fingerprintSeen = false;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                String xml = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                assertThat(xml).as(entry.getName()).doesNotContain(TestPlans.PLANTED_SECRET).doesNotContain(TestPlans.PLANTED_SECRET_NEW);
                fingerprintSeen |= xml.contains(TestPlans.fingerprint(TestPlans.PLANTED_SECRET));
            }
        }
        assertThat(fingerprintSeen).as("the fingerprint is what is shown instead").isTrue();
    }

    @Test
    void writesBesideTheTargetAndReplacesItWithNoTempFileLeft() throws Exception {
        Path target = dir.resolve("reports/2026-11-25/approvals-2026-11-25.xlsx");
        writer.write(TestPlans.plan("old-plan"), target);

        WrittenWorkbook written = writer.write(plan, target);

        assertThat(written.file()).isEqualTo(target.toAbsolutePath());
        assertThat(written.changeRows()).isEqualTo(6);
        assertThat(written.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(target))));
        try (var files = Files.list(target.getParent())) {
            assertThat(files.toList()).containsExactly(target);
        }
        try (XSSFWorkbook wb = Workbooks.open(target)) {
            assertThat(text(wb.getSheet("Read me").getRow(2), 1)).isEqualTo(plan.planId());
        }
    }

    @Test
    void valueTooLongForACellIsRefusedAndNothingIsWritten() {
        ProposedChange huge = TestPlans.config("lobby", "Lobby01", null, "motd.txt", null, "a", "x".repeat(40_000), "");
        Plan tooBig = new Plan("P-huge", TestPlans.CREATED, TestPlans.EXPIRES, List.of(huge), List.of(), List.of());
        Path target = dir.resolve("out/approvals.xlsx");

        assertThatThrownBy(() -> writer.write(tooBig, target))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(huge.changeId())
                .hasMessageContaining("32767");
        assertThat(target).doesNotExist();
    }

    @Test
    void emptyPlanStillGivesAUsableWorkbook() throws Exception {
        Plan empty = new Plan("P-empty", TestPlans.CREATED, TestPlans.EXPIRES, List.of(), List.of(), List.of());
        Path file = writer.write(empty, dir.resolve("empty.xlsx")).file();
        try (XSSFWorkbook wb = Workbooks.open(file)) {
            assertThat(wb.getSheet("Changes").getLastRowNum()).isZero();
            assertThat(wb.getSheet("Changes").isSheetLocked()).isTrue();
        }
    }

    @Test
    void fiveThousandChangesAndTwoThousandUpdatesAreWrittenQuickly() throws Exception {
        Plan large = TestPlans.large("P-large", 5_000, 2_000);
        Path target = dir.resolve("large.xlsx");

        long started = System.nanoTime();
        WrittenWorkbook written = writer.write(large, target);
        long millis = (System.nanoTime() - started) / 1_000_000;

        log.info("wrote 5000 change rows and 2000 update rows in {} ms ({} bytes)", millis, Files.size(target));
        try (XSSFWorkbook wb = Workbooks.open(written.file())) {
            assertThat(wb.getSheet("Changes").getLastRowNum()).isEqualTo(5_000);
            assertThat(wb.getSheet("Updates").getLastRowNum()).isEqualTo(2_000);
        }
    }

    private XSSFWorkbook written() {
        return Workbooks.open(writer.write(plan, dir.resolve("approvals.xlsx")).file());
    }

    private static String text(Row row, int col) {
        Cell cell = row.getCell(col);
        return cell == null ? "" : cell.getStringCellValue();
    }

    private static List<String> rowText(Row row) {
        List<String> values = new ArrayList<>();
        for (Cell cell : row) {
            values.add(new DataFormatter().formatCellValue(cell));
        }
        return values;
    }
}
