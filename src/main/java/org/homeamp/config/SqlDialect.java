package org.homeamp.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.sql.DataSource;

/**
 * The few statements that differ between the embedded H2 and PostgreSQL. Everything else the tool
 * runs is SQL both accept.
 *
 * <p>An upsert is one statement on both ({@code MERGE ... KEY} on H2, {@code INSERT ... ON CONFLICT} on
 * PostgreSQL), never "insert, catch the duplicate key, update": on PostgreSQL a failed statement aborts
 * the whole transaction ("current transaction is aborted, commands ignored until end of transaction
 * block"), where H2 only fails the statement.
 */
public enum SqlDialect {
    H2, POSTGRESQL;

    /** The Flyway migrations both databases run; {@code db/vendor/<vendor>} holds those of one database only. */
    public static final String PORTABLE_MIGRATIONS = "classpath:db/migration";

    /** The dialect of a JDBC URL; anything but PostgreSQL is treated as H2. */
    public static SqlDialect ofUrl(String jdbcUrl) {
        return isPostgres(jdbcUrl) ? POSTGRESQL : H2;
    }

    /** Whether a JDBC URL names a PostgreSQL database (SPEC §11 "Past one host"). */
    public static boolean isPostgres(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /**
     * The Flyway locations of this database, as {@code spring.flyway.locations} in application.properties
     * spells them with Flyway's {@code {vendor}} placeholder: the portable migrations and this vendor's own.
     */
    public String[] migrationLocations() {
        return new String[] {PORTABLE_MIGRATIONS, "classpath:db/vendor/" + (this == POSTGRESQL ? "postgresql" : "h2")};
    }

    /** The dialect of the database behind a DataSource (asks the driver once). */
    public static SqlDialect of(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            return product.contains("postgres") ? POSTGRESQL : H2;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the job database's product name: " + e.getMessage(), e);
        }
    }

    /**
     * An insert-or-update of one row, with one {@code ?} per column in {@code columns} order; the
     * {@code key} columns (the primary key) must come first among them or anywhere, all are set.
     */
    public String upsert(String table, List<String> key, List<String> columns) {
        String cols = String.join(", ", columns);
        String marks = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        if (this == POSTGRESQL) {
            String set = columns.stream().filter(c -> !key.contains(c)).map(c -> c + " = EXCLUDED." + c)
                    .collect(Collectors.joining(", "));
            return "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ") ON CONFLICT (" + String.join(", ", key)
                    + ") DO " + (set.isEmpty() ? "NOTHING" : "UPDATE SET " + set);
        }
        return "MERGE INTO " + table + " (" + cols + ") KEY (" + String.join(", ", key) + ") VALUES (" + marks + ")";
    }
}
