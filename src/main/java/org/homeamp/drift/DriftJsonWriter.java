package org.homeamp.drift;

import org.homeamp.files.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.homeamp.approval.PlanBuilder;
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
            new FindingQueries(jdbc).forEachOfRun(runId, f -> {
                g.writeStartObject();
                g.writeStringProperty("id", f.id());
                // the workbook row that fixes it, or null: the same id drift.html and the workbook show
                g.writeStringProperty("change_id", PlanBuilder.changeId(f).orElse(null));
                g.writeStringProperty("server", f.server());
                g.writeStringProperty("instance", f.instance());
                g.writeStringProperty("file", f.file());
                g.writeStringProperty("key", f.key());
                g.writeStringProperty("kind", f.kind().name());
                g.writeStringProperty("expected", f.expected());
                g.writeStringProperty("actual", f.actual());
                g.writeStringProperty("state", f.state().name());
                g.writeStringProperty("first_seen", f.firstSeen().toString());
                if (f.line() != null) {
                    g.writeNumberProperty("line", f.line());
                    g.writeNumberProperty("column", f.column());
                }
                g.writeStringProperty("message", f.message());
                g.writeEndObject();
            });
            g.writeEndArray();
            g.writeEndObject();
        }
        AtomicFiles.moveIntoPlace(tmp, target);
        return target;
    }
}
