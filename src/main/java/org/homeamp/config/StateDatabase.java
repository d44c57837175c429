package org.homeamp.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job repository's connection: the embedded H2 file in {@code <state-dir>/db/} (or the
 * {@code spring.datasource.*} database homeamp.yml names), with the state dir's file modes.
 *
 * <p>H2 runs with {@code AUTO_SERVER=TRUE} so that {@code homeamp status} can read while a job runs. That
 * server listens on loopback only ({@code h2.bindAddress}), the database has a generated password kept in
 * {@code <state-dir>/db/password} (mode 0600), and {@code db/} itself is 0700: the port and key H2 writes to
 * its lock file are no use to another local user. A database created before passwords were introduced
 * (user {@code sa}, empty password) gets the generated password the first time it is opened.
 */
public final class StateDatabase {
    private static final Logger log = LoggerFactory.getLogger(StateDatabase.class);
    /** H2's error code for a rejected user name or password. */
    private static final int WRONG_PASSWORD = 28000;
    private static final int OPEN_ATTEMPTS = 6;
    public static final String H2_USER = "sa";

    static {
        bindToLoopback();
    }

    private StateDatabase() {
    }

    /** How to reach the job repository; the password is never logged. */
    public record Credentials(String url, String user, Secret password, boolean embedded) {
        /** Whether this is a PostgreSQL database (SPEC §11 "Past one host"). */
        public boolean postgres() {
            return SqlDialect.isPostgres(url);
        }

        /** The URL without any user or password parameter, for messages. */
        public String shownUrl() {
            return withoutCredentials(url);
        }
    }

    /** A JDBC URL with its user and password parameters masked, for messages. */
    public static String withoutCredentials(String url) {
        return url.replaceAll("(?i)(password|user)=[^;&]*", "$1=****");
    }

    /**
     * H2 reads {@code h2.bindAddress} once, when its first class loads, so this runs before any H2
     * connection of the process (from the static initializer and from {@code main}).
     */
    public static void bindToLoopback() {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    /**
     * JDBC URL of the embedded default database for a state dir. {@code WRITE_DELAY=0}: H2 otherwise
     * keeps the last half second of commits in memory, and a {@code kill -9} would lose them, so a
     * restart would redo (and a mail step could resend) what the job had already committed.
     */
    public static String h2Url(Path stateDir) {
        return "jdbc:h2:file:" + stateDir.toAbsolutePath().resolve("db").resolve("homeamp")
                + ";AUTO_SERVER=TRUE;TRACE_LEVEL_FILE=0;WRITE_DELAY=0";
    }

    /** The file holding the generated H2 password. */
    public static Path passwordFile(Path stateDir) {
        return stateDir.resolve("db").resolve("password");
    }

    /** Whether the embedded database has been created (a job ran at least once). */
    public static boolean h2Exists(Path stateDir) {
        return Files.exists(stateDir.resolve("db").resolve("homeamp.mv.db"));
    }

    /**
     * The credentials for these settings: {@code spring.datasource.*} when the file names another database,
     * else the embedded H2 with its generated password (created, and a legacy database migrated, here).
     */
    public static Credentials credentials(HomeAmpSettings settings) {
        Map<String, String> spring = settings.springProperties();
        if (spring.containsKey("spring.datasource.url")) {
            return new Credentials(spring.get("spring.datasource.url"), spring.getOrDefault("spring.datasource.username", ""),
                    new Secret(spring.getOrDefault("spring.datasource.password", "")), false);
        }
        return prepareH2(settings.stateDir());
    }

    /** Secures {@code db/}, creates the password when missing and migrates a database that has none. */
    public static Credentials prepareH2(Path stateDir) {
        bindToLoopback();
        Path db = stateDir.resolve("db");
        try {
            StateDirectory.ensureDirectory(db, "rwx------");
            Secret password = readOrCreatePassword(passwordFile(stateDir));
            Credentials credentials = new Credentials(h2Url(stateDir), H2_USER, password, true);
            if (h2Exists(stateDir)) {
                migrateEmptyPassword(credentials, passwordFile(stateDir));
                restrictFiles(stateDir);
            }
            return credentials;
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ConfigException(db + ": cannot prepare the job database (" + e.getMessage()
                    + "). Fix: give the state dir to the service user: chown -R homeamp " + stateDir);
        } catch (IOException e) {
            throw new ConfigException(db + ": cannot prepare the job database (" + e.getMessage()
                    + "). Fix: if it names a permission, give the state dir to the service user (chown -R homeamp " + stateDir
                    + "); otherwise run the command again, and see docs/troubleshooting.md, 'job database'");
        }
    }

    /** Opens a connection (retrying while another homeamp process hands the H2 file over). */
    public static Connection connect(Credentials c) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return DriverManager.getConnection(c.url(), c.user(), c.password().reveal());
            } catch (SQLException e) {
                if (attempt >= OPEN_ATTEMPTS || !isDatabaseHandover(e)) {
                    throw e;
                }
                sleep(400L * attempt);
            }
        }
    }

    /** A connection to the embedded database of a state dir (tests and tools that read it directly). */
    public static Connection connect(Path stateDir) throws SQLException {
        return connect(prepareH2(stateDir));
    }

    /** H2 creates its files with the process umask; only the service user may read them. */
    public static void restrictFiles(Path stateDir) {
        Path db = stateDir.resolve("db");
        if (!Files.isDirectory(db)) {
            return;
        }
        try (Stream<Path> files = Files.list(db)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                StateDirectory.setMode(f, "rw-------");
            }
        } catch (IOException e) {
            log.warn("cannot restrict the modes of the files in {}: {}", db, e.getMessage());
        }
    }

    /** H2's answer while another process takes over or opens the same database file in AUTO_SERVER mode. */
    public static boolean isDatabaseHandover(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("Lock file recently modified") || m.contains("Database may be already in use")
                    || m.contains("Connection is broken") || m.contains("Another process was faster"))) {
                return true;
            }
        }
        return false;
    }

    private static Secret readOrCreatePassword(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String generated = HexFormat.of().formatHex(random);
            try {
                // CREATE_NEW with the mode set at creation: the password is never readable by others, and two
                // processes starting at once agree on the first one written.
                Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------"))), generated + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.WRITE);
                log.info("created the job database password {}", file);
            } catch (FileAlreadyExistsException raced) {
                log.debug("{} was created by another homeamp process", file);
            }
        }
        StateDirectory.setMode(file, "rw-------");
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (password.isEmpty()) {
            // A concurrent creator has not written it yet; its content follows within milliseconds.
            sleep(200);
            password = Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        if (password.isEmpty()) {
            throw new IOException(file + " is empty; delete it and run the command again");
        }
        return new Secret(password);
    }

    private static void migrateEmptyPassword(Credentials c, Path passwordFile) throws IOException {
        try (Connection ok = connect(c)) {
            return;
        } catch (SQLException e) {
            if (isDatabaseHandover(e)) {
                // Another homeamp process has the file open (a status poll, a job starting): it opened it with this
                // same password file, so there is nothing to migrate; the command's own connection waits its turn.
                log.debug("password check skipped: the job database is in use by another homeamp process ({})", e.getMessage());
                return;
            }
            if (e.getErrorCode() != WRONG_PASSWORD) {
                throw new IOException("cannot open " + c.url() + ": " + e.getMessage(), e);
            }
        }
        Credentials legacy = new Credentials(c.url(), c.user(), new Secret(""), true);
        try (Connection old = connect(legacy); Statement st = old.createStatement()) {
            // The password is hex, so it needs no escaping inside the quotes.
            st.execute("ALTER USER " + H2_USER + " SET PASSWORD '" + c.password().reveal() + "'");
            log.info("the job database had no password: it now uses the one in {}", passwordFile);
        } catch (SQLException e) {
            throw new IOException("the job database rejects both its password and the empty one: " + e.getMessage()
                    + "; if the password file was replaced, restore it", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
