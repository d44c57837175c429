package org.homeamp.database;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * One column value between JDBC and the export's JSON: the portable kind of a column type, a value read
 * into a row array, and a row value bound to an insert.
 */
final class DatabaseValues {
    private DatabaseValues() {
    }

    static String kind(int type, String typeName) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        return switch (type) {
            case Types.BOOLEAN, Types.BIT -> "bool";
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> "int";
            case Types.DECIMAL, Types.NUMERIC, Types.REAL, Types.FLOAT, Types.DOUBLE -> "dec";
            case Types.DATE -> "date";
            case Types.TIMESTAMP_WITH_TIMEZONE -> "tstz";
            case Types.TIMESTAMP -> name.contains("timestamptz") || name.contains("with time zone") ? "tstz" : "ts";
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> "bytes";
            default -> "text";
        };
    }

    static void write(ResultSet rs, int i, String kind, ArrayNode row) throws SQLException {
        switch (kind) {
            case "bool" -> {
                boolean v = rs.getBoolean(i);
                if (rs.wasNull()) {
                    row.addNull();
                } else {
                    row.add(v);
                }
            }
            case "int" -> {
                long v = rs.getLong(i);
                if (rs.wasNull()) {
                    row.addNull();
                } else {
                    row.add(v);
                }
            }
            case "dec" -> {
                BigDecimal v = rs.getBigDecimal(i);
                if (v == null) {
                    row.addNull();
                } else {
                    row.add(v);
                }
            }
            case "date" -> addText(row, rs.getObject(i, LocalDate.class));
            case "ts" -> addText(row, rs.getObject(i, LocalDateTime.class));
            case "tstz" -> addText(row, rs.getObject(i, OffsetDateTime.class));
            case "bytes" -> {
                byte[] v = rs.getBytes(i);
                if (v == null) {
                    row.addNull();
                } else {
                    row.add(Base64.getEncoder().encodeToString(v));
                }
            }
            default -> addText(row, rs.getString(i));
        }
    }

    static void addText(ArrayNode row, Object v) {
        if (v == null) {
            row.addNull();
        } else {
            row.add(v.toString());
        }
    }

    static void bind(PreparedStatement st, int i, String kind, JsonNode v, int targetType) throws SQLException {
        if (v == null || v.isNull()) {
            st.setNull(i, targetType);
            return;
        }
        switch (kind) {
            case "bool" -> st.setBoolean(i, v.asBoolean());
            case "int" -> st.setLong(i, v.asLong());
            case "dec" -> st.setBigDecimal(i, v.decimalValue());
            case "date" -> st.setObject(i, LocalDate.parse(v.asString()));
            case "ts" -> st.setObject(i, LocalDateTime.parse(v.asString()));
            case "tstz" -> st.setObject(i, OffsetDateTime.parse(v.asString()));
            case "bytes" -> st.setBytes(i, Base64.getDecoder().decode(v.asString()));
            default -> st.setString(i, v.asString());
        }
    }

    /**
     * The next line of an export's table file, or {@code null} at its end; a line longer than
     * {@code maxChars} is refused before it is held whole, so a damaged or foreign file cannot fill the heap.
     */
    static String boundedLine(java.io.BufferedReader in, int maxChars, String table) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        int ch;
        while ((ch = in.read()) != -1) {
            if (ch == '\n') {
                return line.toString();
            }
            if (line.length() >= maxChars) {
                throw new org.homeamp.config.ConfigException("tables/" + table + ".jsonl has a line longer than " + maxChars / (1024 * 1024)
                        + " MiB: it is not a file 'homeamp db export' wrote. Fix: export again");
            }
            line.append((char) ch);
        }
        return line.isEmpty() ? null : line.toString();
    }
}
