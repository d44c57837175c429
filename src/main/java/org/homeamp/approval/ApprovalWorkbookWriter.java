package org.homeamp.approval;

import org.homeamp.config.AtomicFiles;
import static org.homeamp.approval.WorkbookLayout.*;
import static org.homeamp.approval.WorkbookSheets.*;

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
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;

import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ss.usermodel.ComparisonOperator;
import org.apache.poi.ss.usermodel.ConditionalFormattingRule;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PatternFormatting;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.SheetConditionalFormatting;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.homeamp.drift.StoredFinding;
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

    private final PlanSigner signer;
    private final ZoneId zone;

    /** Shows times in UTC. */
    public ApprovalWorkbookWriter(PlanSigner signer) {
        this(signer, ZoneId.of("UTC"));
    }

    /** @param zone the configured {@code time-zone}, in which Read me shows created and expires */
    public ApprovalWorkbookWriter(PlanSigner signer, ZoneId zone) {
        this.signer = signer;
        this.zone = zone;
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
            // debug only: the report step writes into a staging folder and logs the workbook's final path itself
            log.debug("wrote approvals workbook {} for plan {}: {} changes, {} drift, {} updates in {} ms", absolute,
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
        WorkbookSheets.Styles styles = new WorkbookSheets.Styles(wb);
        POIXMLProperties properties = wb.getXSSFWorkbook().getProperties();
        properties.getCoreProperties().setCreator("HomeAMP Config Manager");
        properties.getCoreProperties().setTitle("Approvals for plan " + plan.planId());
        properties.getCustomProperties().addProperty(PLAN_ID_PROPERTY, plan.planId());

        ReadMeSheet.write(wb.createSheet(READ_ME), plan, styles, zone);
        changes(wb.createSheet(CHANGES), plan, styles);
        drift(wb.createSheet(DRIFT), plan.drift(), styles);
        updates(wb.createSheet(UPDATES), plan.updates(), styles);
    }

    private void changes(SXSSFSheet sheet, Plan plan, WorkbookSheets.Styles styles) {
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
        printSetup(sheet, 1);
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

    /** Everything found, read-only; the Change ID column matches the Changes sheet and drift.html (empty when a person must fix it). */
    private static void drift(SXSSFSheet sheet, List<StoredFinding> drift, WorkbookSheets.Styles styles) {
        header(sheet, DRIFT_COLUMNS, DRIFT_WIDTHS, styles);
        int r = 1;
        for (StoredFinding d : drift) {
            Row row = sheet.createRow(r++);
            String[] values = {d.id(), PlanBuilder.changeId(d).orElse(null), d.server(), d.instance(), d.file(), d.key(), d.kind().name(),
                    d.expected(), d.actual(), d.state().name(), d.firstSeen().toString()};
            for (int i = 0; i < values.length; i++) {
                WorkbookSheets.text(row, i, values[i], d.id());
            }
        }
        readOnlyTable(sheet, drift.size(), DRIFT_COLUMNS.size());
    }

    private static void updates(SXSSFSheet sheet, List<UpdateRow> updates, WorkbookSheets.Styles styles) {
        header(sheet, UPDATE_COLUMNS, UPDATE_WIDTHS, styles);
        int r = 1;
        for (UpdateRow u : updates) {
            Row row = sheet.createRow(r++);
            String[] values = {u.server(), u.instance(), u.plugin(), u.installed(), u.latest(), u.state(), u.channel(),
                    u.source(), u.checksum(), u.stagingNote() != null ? u.stagingNote() : u.staged() ? "yes" : "no"};
            for (int i = 0; i < values.length; i++) {
                WorkbookSheets.text(row, i, values[i], u.instance() + "/" + u.plugin());
            }
        }
        readOnlyTable(sheet, updates.size(), UPDATE_COLUMNS.size());
    }

    private static void text(Row row, int col, String value, ProposedChange c) {
        WorkbookSheets.text(row, col, value, c.changeId());
    }
}
