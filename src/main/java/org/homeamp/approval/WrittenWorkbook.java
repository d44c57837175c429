package org.homeamp.approval;

import java.nio.file.Path;

/**
 * A workbook as written: where it is and the SHA-256 of its bytes (stored with the plan so a deploy
 * can tell which workbook file it was handed).
 *
 * @param sha256 lower-case hex
 */
public record WrittenWorkbook(Path file, String sha256, int changeRows) {
}
