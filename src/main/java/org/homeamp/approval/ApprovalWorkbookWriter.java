package org.homeamp.approval;

import org.homeamp.files.AtomicFiles;
import static org.homeamp.approval.WorkbookLayout.*;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ComparisonOperator;
import org.apache.poi.ss.usermodel.ConditionalFormattingRule;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PatternFormatting;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.SheetConditionalFormatting;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the approvals workbook of SPEC §9: sheets {@code Read me}, {@code Changes}, {@code Drift},
 * {@code Updates}.
 *
 * <p>On Changes only Approve, Approved by and Note are unlocked; every sheet is protected without a
 * password. That protection only keeps volunteers from slipping (typing into Current by mistake,
 * sorting one column away from its row); anyone can lift it in two clicks. What makes a tampered
 * row harmless is the hidden per-row HMAC signature ({@link PlanSigner}), checked at deploy.
 *
 * <p>Approve starts empty, not NO, so a reviewer can see which rows nobody has looked at yet; the
 * reader treats empty as NO. The drop-down offers YES and NO and Excel rejects other typed values,
 * while the reader is lenient for other tools (see {@link ApprovalWorkbookReader}).
 *
 * <p>Secret values never reach this class: the plan carries fingerprints only, and the writer adds
 * nothing but what the plan holds. The file is written beside the target under a temp name and
 * renamed into place, so a crash never leaves a half-written workbook under the real name.
 */
public final class ApprovalWorkbookWriter {
    private static final Logger log = LoggerFactory.getLogger(ApprovalWorkbookWriter.class);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final PlanSigner signer;

    public ApprovalWorkbookWriter(PlanSigner signer) {
        this.signer = signer;
    }

    /**
     * Writes the plan's workbook to {@code target}, replacing any file there.
     *
     * @throws UncheckedIOException     when the folder cannot be written
     * @throws IllegalArgumentException when a value is longer than Excel can hold in a cell
     */
    public WrittenWorkbook write(Plan plan, Path target) {
        long started = System.nanoTime();
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Path tmp = null;
        SXSSFWorkbook wb = new SXSSFWorkbook(new XSSFWorkbook(), 500, false, false);
        try {
            fill(wb, plan);
            Files.createDirectories(folder);
            tmp = Files.createTempFile(folder, "." + absolute.getFileName() + "-", ".tmp");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), sha256)) {
                wb.write(out);
                out.flush();
                channel.force(true);
            }
            AtomicFiles.moveIntoPlace(tmp, absolute);
            tmp = null;
            String hex = HexFormat.of().formatHex(sha256.digest());
            log.info("wrote approvals workbook {} for plan {}: {} changes, {} drift, {} updates in {} ms", absolute,
                    plan.planId(), plan.changes().size(), plan.drift().size(), plan.updates().size(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return new WrittenWorkbook(absolute, hex, plan.changes().size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write approvals workbook " + absolute + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        } finally {
            // Row data was streamed to temp files outside the target folder; remove them now.
            wb.dispose();
            closeQuietly(wb);
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    log.warn("could not remove temp file {}: {}", tmp, e.getMessage());
                }
            }
        }
    }

    private static void closeQuietly(SXSSFWorkbook wb) {
        try {
            wb.close();
        } catch (IOException e) {
            log.debug("closing workbook failed: {}", e.getMessage());
        }
    }

    /**
     * Fills a streaming workbook with inline strings: the in-memory XSSF model took over ten seconds
     * for 5,000 changes and 2,000 updates, most of it in the shared strings table. The workbook opens
     * on Read me (the first sheet) on purpose: the instructions come first.
     */
    private void fill(SXSSFWorkbook wb, Plan plan) {
        Styles styles = new Styles(wb);
        POIXMLProperties properties = wb.getXSSFWorkbook().getProperties();
        properties.getCoreProperties().setCreator("HomeAMP Config Manager");
        properties.getCoreProperties().setTitle("Approvals for plan " + plan.planId());
        properties.getCustomProperties().addProperty(PLAN_ID_PROPERTY, plan.planId());

        readMe(wb.createSheet(READ_ME), plan, styles);
        changes(wb.createSheet(CHANGES), plan, styles);
        drift(wb.createSheet(DRIFT), plan.drift(), styles);
        updates(wb.createSheet(UPDATES), plan.updates(), styles);
    }

    private static void readMe(SXSSFSheet sheet, Plan plan, Styles styles) {
        Map<ChangeType, Integer> perType = new EnumMap<>(ChangeType.class);
        for (ChangeType t : ChangeType.values()) {
            perType.put(t, 0);
        }
        long unverified = 0;
        for (ProposedChange c : plan.changes()) {
            perType.merge(c.type(), 1, Integer::sum);
            if (c.type() == ChangeType.PLUGIN_UPDATE && c.checksumState() != null && c.checksumState().contains("UNVERIFIED")) {
                unverified++;
            }
        }
        String expires = SHOWN.format(plan.expires());
        Lines lines = new Lines(sheet, styles);
        lines.title("HomeAMP approvals");
        lines.blank();
        lines.pair(PLAN_ID_LABEL, plan.planId());
        lines.pair("Created", SHOWN.format(plan.created()));
        lines.pair("Expires", expires);
        lines.pair("Changes proposed", String.valueOf(plan.changes().size()));
        for (ChangeType t : ChangeType.values()) {
            lines.pair("  " + t.label(), String.valueOf(perType.get(t)));
        }
        lines.pair("Drift findings", String.valueOf(plan.drift().size()));
        lines.pair("Update results", String.valueOf(plan.updates().size()));
        lines.blank();
        lines.heading("What to do");
        lines.text("1. Open the Changes sheet. Each row is one change the tool would make on one instance: "
                + "the Current value would become the Proposed value.");
        lines.text("2. For every row you agree with, pick YES in the Approve column (drop-down). Pick NO, or leave it "
                + "empty, for changes you do not want. Empty counts as NO.");
        lines.text("3. Put your name in 'Approved by'. Use 'Note' for anything the admin should know.");
        lines.text("4. Save the file as .xlsx, keeping the sheet names and the column headers, and send it back before "
                + expires + ". After that the workbook is refused; use the next run's workbook instead.");
        lines.blank();
        lines.heading("Good to know");
        lines.text("Only Approve, Approved by and Note can be edited. The sheets are protected without a password, "
                + "just to prevent slips. Please do not change other cells anyway: every row carries a hidden "
                + "signature, and a row whose Server, Instance, Type, Plugin, File, Setting, Current or Proposed was "
                + "changed, or that was copied from another workbook, is refused when the changes are deployed.");
        lines.text("You may filter with the arrows in the header row and widen columns.");
        lines.text("Before a change is applied the tool checks that the live value still equals Current. If someone "
                + "changed it meanwhile, that row is skipped and named in the deploy report.");
        lines.text("Passwords, tokens and other secrets are never shown: you see a short fingerprint instead.");
        if (unverified > 0) {
            lines.text("Plugin updates marked UNVERIFIED (" + unverified + " here) come from a source that publishes no "
                    + "checksum, so the download could not be checked. Approve them only if you trust the source.");
        }
        lines.text("The Drift and Updates sheets list everything the run found, for reading and filtering. "
                + "Nothing on them is approved or applied.");
        sheet.setColumnWidth(0, 22 * 256);
        sheet.setColumnWidth(1, 110 * 256);
        protect(sheet, false);
    }

    private void changes(SXSSFSheet sheet, Plan plan, Styles styles) {
        header(sheet, CHANGE_COLUMNS, CHANGE_WIDTHS, styles);
        int approveCol = CHANGE_COLUMNS.indexOf(APPROVE);
        int signatureCol = CHANGE_COLUMNS.indexOf(SIGNATURE);
        int r = 1;
        for (ProposedChange c : plan.changes()) {
            Row row = sheet.createRow(r++);
            text(row, 0, c.changeId(), c);
            text(row, 1, c.server(), c);
            text(row, 2, c.instance(), c);
            text(row, 3, c.type().label(), c);
            text(row, 4, c.plugin(), c);
            text(row, 5, c.file(), c);
            text(row, 6, c.setting(), c);
            text(row, 7, c.current(), c);
            text(row, 8, c.proposed(), c);
            text(row, 9, detailsShown(c), c);
            for (int col = approveCol; col < signatureCol; col++) {
                row.createCell(col).setCellStyle(styles.editable);
            }
            text(row, signatureCol, signer.sign(plan.planId(), c), c);
        }
        int lastRow = Math.max(1, plan.changes().size());
        sheet.setColumnHidden(signatureCol, true);
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new CellRangeAddress(0, lastRow, 0, signatureCol - 1));
        if (!plan.changes().isEmpty()) {
            approveDropDown(sheet, lastRow, approveCol);
            approveColours(sheet, lastRow, approveCol);
        }
        protect(sheet, true);
    }

    /** Plugin updates show their checksum state in Details: an UNVERIFIED jar must be visible to approvers. */
    private static String detailsShown(ProposedChange c) {
        String details = c.details() == null ? "" : c.details();
        if (c.checksumState() == null || c.checksumState().isBlank()) {
            return details;
        }
        return details.isBlank() ? "checksum: " + c.checksumState() : details + " · checksum: " + c.checksumState();
    }

    private static void approveDropDown(SXSSFSheet sheet, int lastRow, int approveCol) {
        DataValidationHelper helper = sheet.getDataValidationHelper();
        DataValidationConstraint yesNo = helper.createExplicitListConstraint(new String[] {"YES", "NO"});
        DataValidation validation = helper.createValidation(yesNo, new CellRangeAddressList(1, lastRow, approveCol, approveCol));
        // XSSF inverts this flag: true writes showDropDown=false in the XML, which is what shows the arrow.
        validation.setSuppressDropDownArrow(true);
        validation.setEmptyCellAllowed(true);
        validation.setShowErrorBox(true);
        validation.setErrorStyle(DataValidation.ErrorStyle.STOP);
        validation.createErrorBox("Approve", "Pick YES or NO from the list (or leave the cell empty for no).");
        validation.setShowPromptBox(true);
        validation.createPromptBox("Approve", "YES to apply this change; NO or empty to leave it.");
        sheet.addValidationData(validation);
    }

    private static void approveColours(SXSSFSheet sheet, int lastRow, int approveCol) {
        SheetConditionalFormatting formatting = sheet.getSheetConditionalFormatting();
        ConditionalFormattingRule yes = formatting.createConditionalFormattingRule(ComparisonOperator.EQUAL, "\"YES\"");
        PatternFormatting green = yes.createPatternFormatting();
        green.setFillBackgroundColor(IndexedColors.LIGHT_GREEN.getIndex());
        green.setFillPattern(PatternFormatting.SOLID_FOREGROUND);
        ConditionalFormattingRule no = formatting.createConditionalFormattingRule(ComparisonOperator.EQUAL, "\"NO\"");
        PatternFormatting grey = no.createPatternFormatting();
        grey.setFillBackgroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        grey.setFillPattern(PatternFormatting.SOLID_FOREGROUND);
        formatting.addConditionalFormatting(
                new CellRangeAddress[] {new CellRangeAddress(1, lastRow, approveCol, approveCol)}, yes, no);
    }

    private static void drift(SXSSFSheet sheet, List<DriftRow> drift, Styles styles) {
        header(sheet, DRIFT_COLUMNS, DRIFT_WIDTHS, styles);
        int r = 1;
        for (DriftRow d : drift) {
            Row row = sheet.createRow(r++);
            String[] values = {d.id(), d.server(), d.instance(), d.file(), d.key(), d.kind(), d.expected(), d.actual(),
                    d.state(), d.firstSeen()};
            for (int i = 0; i < values.length; i++) {
                text(row, i, values[i], d.id());
            }
        }
        readOnlyTable(sheet, drift.size(), DRIFT_COLUMNS.size());
    }

    private static void updates(SXSSFSheet sheet, List<UpdateRow> updates, Styles styles) {
        header(sheet, UPDATE_COLUMNS, UPDATE_WIDTHS, styles);
        int r = 1;
        for (UpdateRow u : updates) {
            Row row = sheet.createRow(r++);
            String[] values = {u.server(), u.instance(), u.plugin(), u.installed(), u.latest(), u.state(), u.channel(),
                    u.source(), u.checksum(), u.staged() ? "yes" : "no"};
            for (int i = 0; i < values.length; i++) {
                text(row, i, values[i], u.instance() + "/" + u.plugin());
            }
        }
        readOnlyTable(sheet, updates.size(), UPDATE_COLUMNS.size());
    }

    private static void readOnlyTable(SXSSFSheet sheet, int rows, int columns) {
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(1, rows), 0, columns - 1));
        protect(sheet, true);
    }

    private static void header(SXSSFSheet sheet, List<String> columns, int[] widths, Styles styles) {
        Row header = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            header.createCell(i).setCellValue(columns.get(i));
            header.getCell(i).setCellStyle(styles.header);
            sheet.setColumnWidth(i, widths[i] * 256);
        }
    }

    /**
     * Protects without a password (a guard against slips, not security). Filtering and column
     * widths stay allowed so volunteers can still read the sheet their way; sorting is left locked
     * because Excel cannot sort protected cells anyway.
     */
    private static void protect(SXSSFSheet sheet, boolean table) {
        sheet.enableLocking();
        sheet.lockSelectLockedCells(false);
        sheet.lockSelectUnlockedCells(false);
        sheet.lockFormatColumns(false);
        if (table) {
            sheet.lockAutoFilter(false);
        }
    }

    private static void text(Row row, int col, String value, ProposedChange c) {
        text(row, col, value, c.changeId());
    }

    private static void text(Row row, int col, String value, String rowName) {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (value.length() > MAX_CELL_TEXT) {
            throw new IllegalArgumentException("value in column " + (col + 1) + " of " + rowName + " has " + value.length()
                    + " characters; Excel cells hold at most " + MAX_CELL_TEXT + ". Shorten it (show a digest) in the plan.");
        }
        row.createCell(col).setCellValue(value);
    }

    /** Cell styles, made once per workbook: Excel caps the number of styles a file may hold. */
    private static final class Styles {
        final CellStyle header;
        final CellStyle editable;
        final CellStyle title;
        final CellStyle wrapped;

        Styles(SXSSFWorkbook wb) {
            Font bold = wb.createFont();
            bold.setBold(true);
            header = wb.createCellStyle();
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            editable = wb.createCellStyle();
            editable.setLocked(false);
            editable.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
            editable.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            Font big = wb.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            title = wb.createCellStyle();
            title.setFont(big);
            wrapped = wb.createCellStyle();
            wrapped.setWrapText(true);
        }
    }

    /** Writes the Read me sheet top to bottom. */
    private static final class Lines {
        private final SXSSFSheet sheet;
        private final Styles styles;
        private final CellStyle bold;
        private int next;

        Lines(SXSSFSheet sheet, Styles styles) {
            this.sheet = sheet;
            this.styles = styles;
            this.bold = styles.header;
        }

        void title(String text) {
            Row row = sheet.createRow(next++);
            row.createCell(0).setCellValue(text);
            row.getCell(0).setCellStyle(styles.title);
        }

        void heading(String text) {
            Row row = sheet.createRow(next++);
            row.createCell(0).setCellValue(text);
            row.getCell(0).setCellStyle(bold);
        }

        void pair(String label, String value) {
            Row row = sheet.createRow(next++);
            row.createCell(0).setCellValue(label);
            row.createCell(1).setCellValue(value);
        }

        void text(String text) {
            Row row = sheet.createRow(next++);
            row.createCell(1).setCellValue(text);
            row.getCell(1).setCellStyle(styles.wrapped);
        }

        void blank() {
            next++;
        }
    }
}
