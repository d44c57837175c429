package org.homeamp.drift;

import org.homeamp.batch.JsonReportFile;

/**
 * {@code drift.json} (SPEC §9; schema in docs/output-formats.md): one object per finding of a run,
 * in server, instance, file, key order; line and column only for findings that have them; {@code change_id} is
 * the id of the workbook row that fixes the finding (null when none can).
 */
final class DriftJsonWriter {
    static final JsonReportFile FILE = new JsonReportFile("drift.json", "findings", """
            SELECT finding_id, server, instance_name, file, key_path, kind, expected, actual, state, CAST(first_seen AS VARCHAR(10)),
                   line_no, col_no, message
              FROM drift_finding WHERE run_id = ? ORDER BY server, instance_name, file, key_path, kind""",
            "id", "server", "instance", "file", "key", "kind", "expected", "actual", "state", "first_seen", "?line", "?column", "message")
            // the workbook row that fixes the finding, or null: the same id drift.html and the workbook show
            .with("change_id", rs -> ChangeIds.forFinding(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                    rs.getString(9)).orElse(null));

    private DriftJsonWriter() {
    }
}
