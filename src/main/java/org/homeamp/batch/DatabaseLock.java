package org.homeamp.batch;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

import org.homeamp.config.ConfigException;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.config.StateDatabase;

/**
 * The job database's side of {@link RunLock} on PostgreSQL (D-P3, D-W9): the session-level advisory lock
 * every homeamp process on one database agrees on, held on a dedicated connection whose
 * {@code application_name} names the holder, and the mark a worker's backup prune holds beside it.
 */
final class DatabaseLock {
    /** The advisory lock key pair ("home", "amp1") every homeamp process on one database agrees on. */
    static final int PG_LOCK_CLASS = 0x686f6d65;
    static final int PG_LOCK_ID = 0x616d7031;
    /** Held beside {@link #PG_LOCK_ID} by a worker's backup prune ("prun"), so that a job knows to wait for it. */
    static final int PG_PRUNE_ID = 0x7072756e;
    static final String HOLDER_PREFIX = "homeamp ";
    /** The holder name of a worker's backup prune ({@link RunLock#whileNoJobRuns}); a job waits for it instead of being refused. */
    static final String PRUNE_HOLDER_PREFIX = "homeamp backup prune ";
    /** How long a job waits for a worker's backup prune to give the lock back before it is refused. */
    static final Duration PRUNE_WAIT = Duration.ofMinutes(5);

    private DatabaseLock() {
    }

    /** See {@link RunLock#whileNoJobRuns}. */
    static <T> Optional<T> whileNoJobRuns(HomeAmpSettings settings, Supplier<T> work) {
        StateDatabase.Credentials db = StateDatabase.credentials(settings);
        Connection c;
        try {
            c = connection(db, PRUNE_HOLDER_PREFIX + processName());
            if (!tryLock(c)) {
                c.close();
                return Optional.empty();
            }
            // the mark that tells a job starting now to wait (pg_locks is readable by every role, application names may not be)
            try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
                st.setInt(1, PG_LOCK_CLASS);
                st.setInt(2, PG_PRUNE_ID);
                st.execute();
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new ConfigException("cannot take the job lock in " + db.shownUrl() + ": " + firstLine(e.getMessage())
                    + ". Fix: check spring.datasource.url, username and password in " + settings.configFile()
                    + " and that PostgreSQL is up ('homeamp doctor' checks them)");
        }
        try {
            return Optional.of(work.get());
        } finally {
            try {
                // closing the session releases its advisory lock
                c.close();
            } catch (SQLException e) {
                // PostgreSQL releases it when the connection drops anyway
            }
        }
    }

    /** The {@code application_name} of the session holding the job lock, when one does. */
    static Optional<String> holder(StateDatabase.Credentials db) {
        String sql = "SELECT a.application_name FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 2";
        try (Connection c = StateDatabase.connect(db); PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, PG_LOCK_CLASS);
            st.setLong(2, PG_LOCK_ID);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String name = rs.getString(1);
                return Optional.of(name == null || name.isBlank() ? "unknown process" : name);
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the job database's lock is held by a worker's backup prune (its mark {@link #PG_PRUNE_ID} is
     * held too) or by nobody (the holder let go a moment ago); false, so the job is refused, when a job
     * holds it or the locks cannot be read.
     */
    static boolean pruneOrNobodyHolds(StateDatabase.Credentials db) {
        String sql = "SELECT COUNT(*) FILTER (WHERE objid::bigint = ?), COUNT(*) FILTER (WHERE objid::bigint = ?) FROM pg_locks"
                + " WHERE locktype = 'advisory' AND granted AND classid::bigint = ? AND objsubid = 2";
        try (Connection c = StateDatabase.connect(db); PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, PG_LOCK_ID);
            st.setLong(2, PG_PRUNE_ID);
            st.setLong(3, PG_LOCK_CLASS);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && (rs.getLong(2) > 0 || rs.getLong(1) == 0);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /** {@code pg_try_advisory_lock} on {@code c}; closes {@code c} when that fails. */
    static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            st.setInt(1, PG_LOCK_CLASS);
            st.setInt(2, PG_LOCK_ID);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException | RuntimeException e) {
            // the session may hold the lock already: closing it releases the lock, and the connection is not leaked
            try {
                c.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Connection connection(StateDatabase.Credentials db, String applicationName) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", db.user());
        p.setProperty("password", db.password().reveal());
        p.setProperty("ApplicationName", applicationName);
        p.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(db.url(), p);
    }

    static String processName() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
