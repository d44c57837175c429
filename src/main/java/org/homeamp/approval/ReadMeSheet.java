package org.homeamp.approval;

import static org.homeamp.approval.WorkbookLayout.PLAN_ID_LABEL;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;

/** The workbook's first sheet, {@code Read me}: the plan, its counts and what to do, in plain words. */
final class ReadMeSheet {
    /** Times as the report shows them: in the configured time-zone, named. */
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm VV");

    private ReadMeSheet() {
    }

    static void write(SXSSFSheet sheet, Plan plan, WorkbookSheets.Styles styles, ZoneId zone) {
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
        String expires = SHOWN.withZone(zone).format(plan.expires());
        Lines lines = new Lines(sheet, styles);
        lines.title("HomeAMP approvals");
        lines.blank();
        lines.pair(PLAN_ID_LABEL, plan.planId());
        lines.pair("Created", SHOWN.withZone(zone).format(plan.created()));
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
        lines.text("4. Save the file as .xlsx, keeping the sheet names and the column headers, before " + expires
                + ". After that the workbook is refused; use the next run's workbook instead.");
        lines.text("5. On the server: 'homeamp deploy <this file> --dry-run' shows every file it would change; "
                + "'homeamp deploy <this file>' applies the YES rows: it backs up each instance, writes only the "
                + "approved values, restarts each changed instance once, checks its health and puts the backup back "
                + "if the check fails. 'homeamp history' shows what was done; 'homeamp rollback <ID>' undoes it.");
        lines.blank();
        lines.heading("Good to know");
        lines.text("Only Approve, Approved by and Note can be edited. The sheets are protected without a password, "
                + "just to prevent slips. Please do not change other cells anyway: every row carries a hidden "
                + "signature, and a row whose Server, Instance, Type, Plugin, File, Setting, Current or Proposed was "
                + "changed, or that was copied from another workbook, is refused when the changes are deployed.");
        lines.text("You may filter with the arrows in the header row and widen columns.");
        lines.text("Before a change is applied the tool checks that the live value still equals Current. If someone "
                + "changed it meanwhile, that row is refused as stale and named in the deploy's output and in 'homeamp history'.");
        lines.text("Passwords, tokens and other secrets are never shown: you see a short fingerprint instead.");
        if (unverified > 0) {
            lines.text("Plugin updates marked UNVERIFIED (" + unverified + " here) come from a source that publishes no "
                    + "checksum, so the download could not be checked. Approve them only if you trust the source.");
        }
        lines.text("The Drift and Updates sheets list everything the run found, for reading and filtering. "
                + "Nothing on them is approved or applied.");
        sheet.setColumnWidth(0, 22 * 256);
        sheet.setColumnWidth(1, 110 * 256);
        WorkbookSheets.protect(sheet, false);
        WorkbookSheets.printSetup(sheet, 0);
    }

    /** Writes the Read me sheet top to bottom. */
    private static final class Lines {
        private final SXSSFSheet sheet;
        private final WorkbookSheets.Styles styles;
        private final CellStyle bold;
        private int next;

        Lines(SXSSFSheet sheet, WorkbookSheets.Styles styles) {
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
