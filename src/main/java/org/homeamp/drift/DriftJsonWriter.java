package org.homeamp.drift;

import org.homeamp.files.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code drift.json} (SPEC §9, format_version 1; schema in docs/output-formats.md), streamed
 * from the database so memory does not grow with the findings, to a temp file renamed into place.
 */
class DriftJsonWriter {
    static final int FORMAT_VERSION = 1;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    DriftJsonWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Path write(Path dir, long runId, LocalDate date) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve("drift.json");
        Path tmp = dir.resolve(".drift.json.tmp");
        try (OutputStream out = Files.newOutputStream(tmp);
                JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberProperty("format_version", FORMAT_VERSION);
            g.writeStringProperty("date", date.toString());
            g.writeName("findings");
            g.writeStartArray();
            jdbc.query("""
                    SELECT finding_id, server, instance_name, file, key_path, kind, expected, actual, state, first_seen, line_no, col_no, message
                      FROM drift_finding WHERE run_id = ? ORDER BY server, instance_name, file, key_path, kind""", rs -> {
                g.writeStartObject();
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
                g.writeEndObject();
            }, runId);
            g.writeEndArray();
            g.writeEndObject();
        }
        AtomicFiles.moveIntoPlace(tmp, target);
        return target;
    }
}
