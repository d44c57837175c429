package org.homeamp.database;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the database's metadata says about its tables, for export and import: names as the database
 * spells them, load order by foreign keys, column types, identity columns, primary-key order. Flyway's
 * history and the partition request queue ({@code int_channel_message}, PostgreSQL only, emptied at the
 * start of every partitioned step) are not data to move and are left out.
 */
final class DatabaseTables {
    private static final Set<String> NOT_MOVED = Set.of("flyway_schema_history", "int_channel_message");

    private DatabaseTables() {
    }

    /** The database's tables, lower-case name to the name as the database spells it, without Flyway's history. */
    static Map<String, String> tables(Connection c) throws SQLException {
        Map<String, String> names = new TreeMap<>();
        try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (!NOT_MOVED.contains(name.toLowerCase(Locale.ROOT))) {
                    names.put(name.toLowerCase(Locale.ROOT), name);
                }
            }
        }
        return names;
    }

    /** Tables with every referenced table before the tables referring to it. */
    static List<String> loadOrder(Connection c) throws SQLException {
        Map<String, String> tables = tables(c);
        Map<String, Set<String>> parents = new HashMap<>();
        for (Map.Entry<String, String> t : tables.entrySet()) {
            Set<String> p = new LinkedHashSet<>();
            try (ResultSet rs = c.getMetaData().getImportedKeys(null, c.getSchema(), t.getValue())) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!parent.equals(t.getKey())) {
                        p.add(parent);
                    }
                }
            }
            parents.put(t.getKey(), p);
        }
        List<String> order = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (placed.size() < tables.size()) {
            boolean progress = false;
            for (String t : tables.keySet()) {
                if (!placed.contains(t) && placed.containsAll(parents.get(t).stream().filter(tables::containsKey).toList())) {
                    placed.add(t);
                    order.add(t);
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException("the tables' foreign keys form a cycle: " + tables.keySet());
            }
        }
        return order;
    }

    static Map<String, Integer> columnTypes(Connection c, String table) throws SQLException {
        Map<String, Integer> types = new HashMap<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, c.getSchema(), table, "%")) {
            while (rs.next()) {
                types.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getInt("DATA_TYPE"));
            }
        }
        return types;
    }

    static List<String> identityColumns(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, c.getSchema(), table, "%")) {
            while (rs.next()) {
                if ("YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT"))) {
                    columns.add(rs.getString("COLUMN_NAME"));
                }
            }
        }
        return columns;
    }

    /** The name as the database's metadata spells it (upper case on H2, lower case on PostgreSQL). */
    static String metaName(Connection c, String lowerCase) throws SQLException {
        return tables(c).getOrDefault(lowerCase, lowerCase);
    }

    static long max(Connection c, String table, String column) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(" + column + "), 0) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Rows in primary-key order, so two exports of the same data are the same file. */
    static String orderBy(Connection c, String table) throws SQLException {
        TreeMap<Short, String> key = new TreeMap<>();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getPrimaryKeys(null, c.getSchema(), metaName(c, table))) {
            while (rs.next()) {
                key.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return key.isEmpty() ? "" : " ORDER BY " + String.join(", ", key.values());
    }
}
