package org.homeamp.updates;

import org.homeamp.files.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code updates.json} (SPEC §9, format_version 1; schema in docs/output-formats.md) from the
 * {@code update_result} rows of one check run, streamed to a temp file renamed into place. Written
 * by {@code update-check} and again by {@code download} with the staging state.
 */
public final class UpdatesJsonWriter {
    static final int FORMAT_VERSION = 1;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    public UpdatesJsonWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes {@code dir/updates.json} for the check run {@code runId}; returns its path. */
    public Path write(Path dir, long runId, LocalDate date) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve("updates.json");
        Path tmp = dir.resolve(".updates.json.tmp");
        try (OutputStream out = Files.newOutputStream(tmp);
                JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberProperty("format_version", FORMAT_VERSION);
            g.writeStringProperty("date", date.toString());
            g.writeName("results");
            g.writeStartArray();
            jdbc.query("""
                    SELECT server, instance_name, plugin, installed, latest, state, channel, source, checksum, checksum_algorithm, staged
                      FROM update_result WHERE run_id = ? ORDER BY server, instance_name, LOWER(plugin), plugin""", rs -> {
                g.writeStartObject();
                g.writeStringProperty("server", rs.getString(1));
                g.writeStringProperty("instance", rs.getString(2));
                g.writeStringProperty("plugin", rs.getString(3));
                g.writeStringProperty("installed", rs.getString(4));
                g.writeStringProperty("latest", rs.getString(5));
                g.writeStringProperty("state", rs.getString(6));
                g.writeStringProperty("channel", rs.getString(7));
                g.writeStringProperty("source", rs.getString(8));
                String checksum = rs.getString(9);
                g.writeStringProperty("checksum", checksum == null ? null : rs.getString(10).toLowerCase(Locale.ROOT) + ":" + checksum);
                g.writeStringProperty("staged", rs.getString(11));
                g.writeEndObject();
            }, runId);
            g.writeEndArray();
            g.writeEndObject();
        }
        AtomicFiles.moveIntoPlace(tmp, target);
        return target;
    }
}
