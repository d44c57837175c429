package org.homeamp.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import org.homeamp.config.AtomicFiles;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one machine-readable report file, {@code {"format_version": 1, "date": …, "<list>": [...]}}
 * (SPEC §9; schemas in docs/output-formats.md), streamed row by row from a query so that memory
 * does not grow with the rows, into a temp file in the same folder that is renamed into place.
 */
public final class JsonReportFile {
    /** The format version of every file; it changes only with its schema. */
    public static final int FORMAT_VERSION = 1;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String fileName;
    private final String listName;
    private final String sql;
    private final List<String> properties;
    private final List<Computed> computed;

    /**
     * @param sql        the rows, in the file's order; its one parameter is the run id
     * @param properties the JSON property of each column in order: text as a string (null as null),
     *                   a number as a number; a name starting with {@code ?} is left out where the
     *                   column is null
     */
    public JsonReportFile(String fileName, String listName, String sql, String... properties) {
        this(fileName, listName, sql, List.of(properties), List.of());
    }

    private JsonReportFile(String fileName, String listName, String sql, List<String> properties, List<Computed> computed) {
        this.fileName = fileName;
        this.listName = listName;
        this.sql = sql;
        this.properties = properties;
        this.computed = computed;
    }

    /** A property computed from a row's columns, written after the selected ones. */
    @FunctionalInterface
    public interface RowFunction {
        String apply(ResultSet row) throws SQLException;
    }

    private record Computed(String name, RowFunction function) {
    }

    /** The same file with one more property per object, computed from the row. */
    public JsonReportFile with(String name, RowFunction function) {
        List<Computed> more = new java.util.ArrayList<>(computed);
        more.add(new Computed(name, function));
        return new JsonReportFile(fileName, listName, sql, properties, List.copyOf(more));
    }

    /** Writes {@code dir/<fileName>} for one run; returns its path. */
    public Path write(JdbcTemplate jdbc, Path dir, long runId, LocalDate date) {
        Path target = dir.resolve(fileName);
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + fileName + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp);
                    JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                g.writeNumberProperty("format_version", FORMAT_VERSION);
                g.writeStringProperty("date", date.toString());
                g.writeName(listName);
                g.writeStartArray();
                jdbc.query(sql, rs -> {
                    g.writeStartObject();
                    writeRow(g, rs);
                    g.writeEndObject();
                }, runId);
                g.writeEndArray();
                g.writeEndObject();
            }
            AtomicFiles.moveIntoPlace(tmp, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage()
                    + ". Fix: check free disk space and permissions, then run homeamp restart", e);
        }
    }

    private void writeRow(JsonGenerator g, ResultSet rs) throws SQLException {
        for (int i = 0; i < properties.size(); i++) {
            String name = properties.get(i);
            boolean optional = name.startsWith("?");
            Object value = rs.getObject(i + 1);
            if (value == null && optional) {
                continue;
            }
            name = optional ? name.substring(1) : name;
            if (value instanceof Number n) {
                g.writeNumberProperty(name, n.longValue());
            } else {
                g.writeStringProperty(name, value == null ? null : value.toString());
            }
        }
        for (Computed c : computed) {
            g.writeStringProperty(c.name(), c.function().apply(rs));
        }
    }
}
