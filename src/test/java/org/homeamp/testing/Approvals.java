package org.homeamp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Ticks Approve in an approvals workbook the way an operator does in a spreadsheet tool: only the editable cells change. */
public final class Approvals {
    private Approvals() {
    }

    /** One row of the Changes sheet, by its header names. */
    public record ChangeRow(int rowNumber, Map<String, String> cells) {
        public String get(String header) {
            return cells.getOrDefault(header, "");
        }
    }

    public static List<ChangeRow> rows(Path workbook) {
        try (XSSFWorkbook wb = open(workbook)) {
            return read(wb.getSheet("Changes"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies {@code source} to {@code target} with Approve = YES (and Approved by) on the rows {@code which} selects. */
    public static Path approve(Path source, Path target, String approvedBy, Predicate<ChangeRow> which) {
        return edit(source, target, (sheet, row, columns) -> {
            if (which.test(row)) {
                set(sheet, row.rowNumber(), columns.get("Approve"), "YES");
                set(sheet, row.rowNumber(), columns.get("Approved by"), approvedBy);
            }
        });
    }

    /** Copies the workbook, changing the cell under {@code header} of the selected rows (a forger's edit). */
    public static Path setCell(Path source, Path target, String header, String value, Predicate<ChangeRow> which) {
        return edit(source, target, (sheet, row, columns) -> {
            if (which.test(row)) {
                set(sheet, row.rowNumber(), columns.get(header), value);
            }
        });
    }

    private interface RowEdit {
        void apply(Sheet sheet, ChangeRow row, Map<String, Integer> columns);
    }

    private static Path edit(Path source, Path target, RowEdit edit) {
        try (XSSFWorkbook wb = open(source)) {
            Sheet sheet = wb.getSheet("Changes");
            if (wb.getSheet("Changes").isSheetLocked()) {
                wb.getSheet("Changes").protectSheet(null);
            }
            Map<String, Integer> columns = columns(sheet);
            for (ChangeRow row : read(sheet)) {
                edit.apply(sheet, row, columns);
            }
            try (OutputStream out = Files.newOutputStream(target)) {
                wb.write(out);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void set(Sheet sheet, int rowNumber, Integer column, String value) {
        Row r = sheet.getRow(rowNumber - 1);
        Cell old = r.getCell(column);
        // The report writes inline strings; POI keeps an inline string's old text when its value is set, so
        // the cell is made anew (with its style), as a spreadsheet tool rewrites it.
        org.apache.poi.ss.usermodel.CellStyle style = old == null ? null : old.getCellStyle();
        if (old != null) {
            r.removeCell(old);
        }
        Cell c = r.createCell(column);
        if (style != null) {
            c.setCellStyle(style);
        }
        c.setCellValue(value);
    }

    private static List<ChangeRow> read(Sheet sheet) {
        Map<String, Integer> columns = columns(sheet);
        DataFormatter f = new DataFormatter();
        List<ChangeRow> out = new ArrayList<>();
        for (int i = 1; i <= sheet.getLastRowNum(); i++) {
            Row r = sheet.getRow(i);
            if (r == null) {
                continue;
            }
            Map<String, String> cells = new HashMap<>();
            columns.forEach((h, c) -> cells.put(h, f.formatCellValue(r.getCell(c))));
            out.add(new ChangeRow(i + 1, cells));
        }
        return out;
    }

    private static Map<String, Integer> columns(Sheet sheet) {
        Map<String, Integer> columns = new HashMap<>();
        DataFormatter f = new DataFormatter();
        for (Cell c : sheet.getRow(0)) {
            columns.put(f.formatCellValue(c).trim(), c.getColumnIndex());
        }
        return columns;
    }

    private static XSSFWorkbook open(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
