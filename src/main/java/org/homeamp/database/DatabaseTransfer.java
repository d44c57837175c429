package org.homeamp.database;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.homeamp.config.AtomicFiles;
import org.homeamp.config.ConfigException;
import org.homeamp.config.SqlDialect;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Export and import of the whole database (the tool's tables and Spring Batch's), so an installation
 * can move from the embedded H2 to PostgreSQL (or back) keeping its history, plans and deployments.
 *
 * <p>The format is a zip: {@code manifest.json} (format name and version, the tool version, the Flyway
 * schema version, and per table its columns with a portable kind and its row count) and one
 * {@code tables/<table>.jsonl} per table, one JSON array per row in column order. Kinds: {@code bool},
 * {@code int}, {@code dec}, {@code text}, {@code date} (ISO), {@code ts} (ISO local date-time),
 * {@code tstz} (ISO with offset) and {@code bytes} (base64). Table and column names are lower case.
 *
 * <p>Import needs the same schema version as the export (same homeamp version); it refuses a target
 * that holds rows unless told to replace them, loads everything in one transaction (parents before
 * children) and then sets every sequence and identity column past the highest imported id.
 */
public final class DatabaseTransfer {
    public static final String FORMAT = "homeamp-db-export";
    public static final int FORMAT_VERSION = 1;
    private static final String FLYWAY_TABLE = "flyway_schema_history";
    /** Spring Batch's id sequences and the column each one numbers. */
    private static final Map<String, String[]> BATCH_SEQUENCES = Map.of(
            "batch_job_instance_seq", new String[] {"batch_job_instance", "job_instance_id"},
            "batch_job_execution_seq", new String[] {"batch_job_execution", "job_execution_id"},
            "batch_step_execution_seq", new String[] {"batch_step_execution", "step_execution_id"});
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What an export or import did: rows per table, in load order. */
    public record Summary(String schemaVersion, Map<String, Long> rows) {
        public long total() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final DataSource dataSource;

    public DatabaseTransfer(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes every table to {@code zip} (temp file, then renamed into place; mode 0600). */
    public Summary export(Path zip, String toolVersion) {
        String schema = schemaVersion();
        Map<String, Long> counts = new LinkedHashMap<>();
        Path folder = zip.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
            Path tmp = Files.createTempFile(folder, "." + zip.getFileName() + "-", ".tmp");
            try {
                try (Connection c = dataSource.getConnection()) {
                    c.setAutoCommit(false);
                    c.setReadOnly(true);
                    ObjectNode manifest = JSON.createObjectNode();
                    manifest.put("format", FORMAT).put("format_version", FORMAT_VERSION).put("homeamp_version", toolVersion)
                            .put("schema_version", schema).put("source", SqlDialect.of(dataSource).name().toLowerCase(Locale.ROOT));
                    ArrayNode tables = manifest.putArray("tables");
                    try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream z = new ZipOutputStream(out)) {
                        for (String table : DatabaseTables.loadOrder(c)) {
                            z.putNextEntry(new ZipEntry("tables/" + table + ".jsonl"));
                            ObjectNode t = tables.addObject();
                            long n = exportTable(c, table, t, z);
                            t.put("rows", n);
                            counts.put(table, n);
                            z.closeEntry();
                        }
                        z.putNextEntry(new ZipEntry("manifest.json"));
                        z.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                        z.closeEntry();
                    }
                    c.rollback();
                }
                AtomicFiles.moveIntoPlace(tmp, zip);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + zip + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database for the export: " + e.getMessage(), e);
        }
        return new Summary(schema, counts);
    }

    /**
     * Loads an export into this database.
     *
     * @param replace delete the rows the target holds first; without it a target with rows is refused
     * @throws ConfigException for a file that is no export, another schema version, or a non-empty target
     */
    public Summary importFrom(Path zip, boolean replace) {
        if (!Files.isRegularFile(zip)) {
            throw new ConfigException(zip + ": does not exist. Fix: give the file 'homeamp db export' wrote");
        }
        try (ZipFile z = new ZipFile(zip.toFile())) {
            JsonNode manifest = manifest(z, zip);
            String exported = manifest.path("schema_version").asString("");
            Map<String, Long> counts = new LinkedHashMap<>();
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    Map<String, String> targetTables = DatabaseTables.tables(c);
                    List<JsonNode> tables = new ArrayList<>();
                    manifest.path("tables").forEach(tables::add);
                    for (JsonNode t : tables) {
                        if (!targetTables.containsKey(t.path("name").asString())) {
                            throw new ConfigException(zip + ": table " + t.path("name").asString() + " does not exist in this database."
                                    + " Fix: export and import with the same homeamp version");
                        }
                    }
                    emptyOrRefuse(c, tables, targetTables, replace);
                    for (JsonNode t : tables) {
                        String name = t.path("name").asString();
                        ZipEntry e = z.getEntry("tables/" + name + ".jsonl");
                        if (e == null) {
                            throw new ConfigException(zip + ": tables/" + name + ".jsonl is missing. Fix: export again");
                        }
                        try (BufferedReader r = new BufferedReader(new InputStreamReader(z.getInputStream(e), StandardCharsets.UTF_8))) {
                            counts.put(name, importTable(c, targetTables.get(name), t, r));
                        }
                        if (counts.get(name) != t.path("rows").asLong(-1)) {
                            throw new ConfigException(zip + ": tables/" + name + ".jsonl has " + counts.get(name) + " rows, the manifest says "
                                    + t.path("rows").asLong(-1) + ". Fix: export again (the file is damaged)");
                        }
                    }
                    try {
                        resetSequences(c, targetTables);
                    } catch (SQLException sequences) {
                        if (SqlDialect.of(dataSource) == SqlDialect.H2) {
                            // H2 commits the rows before it changes a sequence: they are in, the ids to come are not set past them
                            throw new IllegalStateException("the rows of " + zip + " were imported, but setting the id sequences past them"
                                    + " failed: " + sequences.getMessage() + ". Fix: run 'homeamp db import --replace " + zip + "' again", sequences);
                        }
                        throw sequences;
                    }
                    c.commit();
                } catch (SQLException | RuntimeException | IOException ex) {
                    c.rollback();
                    throw ex;
                }
            }
            return new Summary(exported, counts);
        } catch (IOException e) {
            throw new ConfigException(zip + ": cannot be read as an export (" + e.getMessage() + "). Fix: give the file 'homeamp db export' wrote");
        } catch (SQLException e) {
            throw new IllegalStateException("the import failed and was rolled back: " + e.getMessage(), e);
        }
    }

    /** The export's manifest, checked: this tool's format and version, and the schema version of this database. */
    /** A manifest lists tables, counts and versions: far below this; a bigger one is no export of ours. */
    static final int MAX_MANIFEST_BYTES = 1024 * 1024;
    /** One row's JSON line; the largest rows (Batch execution contexts) stay far below it. */
    static final int MAX_ROW_CHARS = 64 * 1024 * 1024;

    private JsonNode manifest(ZipFile z, Path zip) throws IOException {
        ZipEntry m = z.getEntry("manifest.json");
        if (m == null) {
            throw new ConfigException(zip + ": has no manifest.json, so it is not an export of 'homeamp db export'."
                    + " Fix: give the file 'homeamp db export' wrote");
        }
        byte[] bytes = z.getInputStream(m).readNBytes(MAX_MANIFEST_BYTES + 1);
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw new ConfigException(zip + ": its manifest.json is larger than " + MAX_MANIFEST_BYTES / 1024 + " KiB, so it is not one"
                    + " 'homeamp db export' wrote. Fix: give the file 'homeamp db export' wrote");
        }
        JsonNode manifest = JSON.readTree(bytes);
        if (!FORMAT.equals(manifest.path("format").asString("")) || manifest.path("format_version").asInt(0) != FORMAT_VERSION) {
            throw new ConfigException(zip + ": is not a " + FORMAT + " version " + FORMAT_VERSION + " file."
                    + " Fix: export again with this version of homeamp");
        }
        String exported = manifest.path("schema_version").asString("");
        String here = schemaVersion();
        if (!exported.equals(here)) {
            throw new ConfigException(zip + ": has schema version " + exported + " (homeamp " + manifest.path("homeamp_version").asString("?")
                    + "), this database has " + here + ". Fix: export and import with the same homeamp version"
                    + " (upgrade the old installation first, run it once, then export)");
        }
        return manifest;
    }

    // ------------------------------------------------------------------ export

    private static long exportTable(Connection c, String table, ObjectNode manifestEntry, OutputStream out) throws SQLException, IOException {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        long n = 0;
        try (Statement st = c.createStatement()) {
            st.setFetchSize(500);
            try (ResultSet rs = st.executeQuery("SELECT * FROM " + table + DatabaseTables.orderBy(c, table))) {
                ResultSetMetaData md = rs.getMetaData();
                int cols = md.getColumnCount();
                String[] kinds = new String[cols + 1];
                manifestEntry.put("name", table);
                ArrayNode columns = manifestEntry.putArray("columns");
                for (int i = 1; i <= cols; i++) {
                    kinds[i] = DatabaseValues.kind(md.getColumnType(i), md.getColumnTypeName(i));
                    columns.addObject().put("name", md.getColumnName(i).toLowerCase(Locale.ROOT)).put("kind", kinds[i]);
                }
                while (rs.next()) {
                    ArrayNode row = JSON.createArrayNode();
                    for (int i = 1; i <= cols; i++) {
                        DatabaseValues.write(rs, i, kinds[i], row);
                    }
                    w.write(JSON.writeValueAsString(row));
                    w.write('\n');
                    n++;
                }
            }
        }
        w.flush();
        return n;
    }

    // ------------------------------------------------------------------ import

    private static void emptyOrRefuse(Connection c, List<JsonNode> tables, Map<String, String> target, boolean replace) throws SQLException {
        List<String> withRows = new ArrayList<>();
        for (JsonNode t : tables) {
            String real = target.get(t.path("name").asString());
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + real)) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    withRows.add(t.path("name").asString() + " (" + rs.getLong(1) + ")");
                }
            }
        }
        if (withRows.isEmpty()) {
            return;
        }
        if (!replace) {
            throw new ConfigException("the target database already holds rows: " + String.join(", ", withRows)
                    + ". Fix: import into an empty database, or add --replace to delete what it holds first");
        }
        for (int i = tables.size() - 1; i >= 0; i--) {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM " + target.get(tables.get(i).path("name").asString()));
            }
        }
    }

    private static long importTable(Connection c, String table, JsonNode manifestEntry, BufferedReader rows) throws SQLException, IOException {
        List<String> names = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        manifestEntry.path("columns").forEach(col -> {
            names.add(col.path("name").asString());
            kinds.add(col.path("kind").asString());
        });
        Map<String, Integer> targetTypes = DatabaseTables.columnTypes(c, table);
        for (String n : names) {
            if (!targetTypes.containsKey(n)) {
                throw new ConfigException("column " + manifestEntry.path("name").asString() + "." + n + " does not exist in this database."
                        + " Fix: export and import with the same homeamp version");
            }
        }
        String sql = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", names.stream().map(x -> "?").toList()) + ")";
        long n = 0;
        try (PreparedStatement st = c.prepareStatement(sql)) {
            String line;
            while ((line = DatabaseValues.boundedLine(rows, MAX_ROW_CHARS, manifestEntry.path("name").asString())) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = JSON.readTree(line);
                for (int i = 0; i < names.size(); i++) {
                    DatabaseValues.bind(st, i + 1, kinds.get(i), row.get(i), targetTypes.get(names.get(i)));
                }
                st.addBatch();
                if (++n % 500 == 0) {
                    st.executeBatch();
                }
            }
            st.executeBatch();
        }
        return n;
    }

    /** Sets Spring Batch's sequences and every identity column past the highest id now in its table. */
    private void resetSequences(Connection c, Map<String, String> tables) throws SQLException {
        SqlDialect dialect = SqlDialect.of(dataSource);
        for (Map.Entry<String, String[]> s : BATCH_SEQUENCES.entrySet()) {
            String table = tables.get(s.getValue()[0]);
            if (table == null) {
                continue;
            }
            long max = DatabaseTables.max(c, table, s.getValue()[1]);
            try (Statement st = c.createStatement()) {
                if (dialect == SqlDialect.POSTGRESQL) {
                    st.execute(max > 0 ? "SELECT setval('" + s.getKey() + "', " + max + ", true)" : "SELECT setval('" + s.getKey() + "', 1, false)");
                } else {
                    st.execute("ALTER SEQUENCE " + s.getKey().toUpperCase(Locale.ROOT) + " RESTART WITH " + (max + 1));
                }
            }
        }
        for (String table : tables.values()) {
            for (String column : DatabaseTables.identityColumns(c, table)) {
                long max = DatabaseTables.max(c, table, column);
                try (Statement st = c.createStatement()) {
                    if (dialect == SqlDialect.POSTGRESQL) {
                        st.execute("SELECT setval(pg_get_serial_sequence('" + table + "', '" + column + "'), "
                                + Math.max(max, 1) + ", " + (max > 0) + ")");
                    } else {
                        st.execute("ALTER TABLE " + table + " ALTER COLUMN " + column + " RESTART WITH " + (max + 1));
                    }
                }
            }
        }
    }

    /**
     * The highest portable migration ({@code db/migration}) applied here. Migrations of one database only
     * ({@code db/vendor/postgresql}: the partition request queue) are left out, so an H2 export and a PostgreSQL
     * database of the same homeamp version have the same schema version.
     */
    private String schemaVersion() {
        return java.util.Arrays.stream(Flyway.configure().dataSource(dataSource).locations(org.homeamp.config.SqlDialect.PORTABLE_MIGRATIONS).load().info().all())
                .filter(i -> i.getState() == org.flywaydb.core.api.MigrationState.SUCCESS && i.getVersion() != null)
                .map(MigrationInfo::getVersion).max(Comparable::compareTo).map(v -> v.getVersion()).orElse("none");
    }
}
