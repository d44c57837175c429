package org.homeamp.approval;

import static org.homeamp.approval.WorkbookLayout.MAX_CELL_TEXT;

import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** What every sheet of the approvals workbook shares: header row, protection, print setup, cell text, styles. */
final class WorkbookSheets {
    private WorkbookSheets() {
    }

    static void readOnlyTable(SXSSFSheet sheet, int rows, int columns) {
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(1, rows), 0, columns - 1));
        protect(sheet, true);
        printSetup(sheet, 1);
    }

    static void header(SXSSFSheet sheet, List<String> columns, int[] widths, Styles styles) {
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
    static void protect(SXSSFSheet sheet, boolean table) {
        sheet.enableLocking();
        sheet.lockSelectLockedCells(false);
        sheet.lockSelectUnlockedCells(false);
        sheet.lockFormatColumns(false);
        if (table) {
            sheet.lockAutoFilter(false);
        }
    }

    /**
     * Prints landscape, one page wide (as many pages tall as needed), with the header row repeated on
     * every page: volunteers print the Changes sheet to tick rows on paper.
     *
     * @param headerRows rows repeated at the top of each page; 0 for none
     */
    static void printSetup(SXSSFSheet sheet, int headerRows) {
        PrintSetup print = sheet.getPrintSetup();
        print.setLandscape(true);
        print.setPaperSize(PrintSetup.A4_PAPERSIZE);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0);
        sheet.setFitToPage(true);
        sheet.setAutobreaks(true);
        if (headerRows > 0) {
            sheet.setRepeatingRows(new CellRangeAddress(0, headerRows - 1, -1, -1));
        }
    }

    static void text(Row row, int col, String value, String rowName) {
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
    static final class Styles {
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
}
