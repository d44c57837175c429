package org.homeamp.approval;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Opening and editing workbooks in tests the way an operator (or a forger) with a spreadsheet tool would. */
final class Workbooks {
    private Workbooks() {
    }

    static XSSFWorkbook open(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies {@code source} to {@code target}, applying {@code edit} with every sheet unprotected. */
    static Path edited(Path source, Path target, Consumer<XSSFWorkbook> edit) {
        try (XSSFWorkbook wb = open(source)) {
            for (int i = 0; i < wb.getNumberOfSheets(); i++) {
                wb.getSheetAt(i).protectSheet(null);
            }
            edit.accept(wb);
            try (OutputStream out = Files.newOutputStream(target)) {
                wb.write(out);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
