package org.homeamp.drift;

import org.homeamp.batch.JsonReportFile;

/**
 * {@code drift.json} (SPEC §9; schema in docs/output-formats.md): one object per finding of a run,
 * in server, instance, file, key order; line and column only for findings that have them.
 */
final class DriftJsonWriter {
    static final JsonReportFile FILE = new JsonReportFile("drift.json", "findings", """
            SELECT finding_id, server, instance_name, file, key_path, kind, expected, actual, state, CAST(first_seen AS VARCHAR(10)),
                   line_no, col_no, message
              FROM drift_finding WHERE run_id = ? ORDER BY server, instance_name, file, key_path, kind""",
            "id", "server", "instance", "file", "key", "kind", "expected", "actual", "state", "first_seen", "?line", "?column", "message");

    private DriftJsonWriter() {
    }
}
