package org.homeamp.approval;

import java.nio.file.Path;

/**
 * The whole workbook is refused: unreadable, no plan id, unknown or expired plan, Changes sheet
 * missing, or a required column header missing. The message names the file, what is wrong and
 * what to do; nothing from such a workbook is deployed.
 */
public class WorkbookRefusedException extends RuntimeException {
    private final transient Path workbook;

    public WorkbookRefusedException(Path workbook, String message) {
        super("workbook " + workbook + " refused: " + message);
        this.workbook = workbook;
    }

    public WorkbookRefusedException(Path workbook, String message, Throwable cause) {
        super("workbook " + workbook + " refused: " + message, cause);
        this.workbook = workbook;
    }

    /** The workbook that was refused. */
    public Path workbook() {
        return workbook;
    }
}
