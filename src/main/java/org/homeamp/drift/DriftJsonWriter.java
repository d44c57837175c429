package org.homeamp.drift;

import java.time.LocalDate;

import org.homeamp.batch.JsonReportFile;

/**
 * {@code drift.json} (SPEC §9; schema in docs/output-formats.md): one object per finding of a run,
 * in server, instance, file, key order.
 */
final class DriftJsonWriter {
    static final JsonReportFile FILE = new JsonReportFile("drift.json", "findings", """
            SELECT finding_id, server, instance_name, file, key_path, kind, expected, actual, state, first_seen, line_no, col_no, message
              FROM drift_finding WHERE run_id = ? ORDER BY server, instance_name, file, key_path, kind""", (g, rs) -> {
        g.writeStringProperty("id", rs.getString(1));
        g.writeStringProperty("server", rs.getString(2));
        g.writeStringProperty("instance", rs.getString(3));
        g.writeStringProperty("file", rs.getString(4));
        g.writeStringProperty("key", rs.getString(5));
        g.writeStringProperty("kind", rs.getString(6));
        g.writeStringProperty("expected", rs.getString(7));
        g.writeStringProperty("actual", rs.getString(8));
        g.writeStringProperty("state", rs.getString(9));
        g.writeStringProperty("first_seen", rs.getObject(10, LocalDate.class).toString());
        if (rs.getObject(11) != null) {
            g.writeNumberProperty("line", rs.getInt(11));
            g.writeNumberProperty("column", rs.getInt(12));
        }
        g.writeStringProperty("message", rs.getString(13));
    });

    private DriftJsonWriter() {
    }
}
