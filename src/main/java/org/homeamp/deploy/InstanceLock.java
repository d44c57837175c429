package org.homeamp.deploy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * One process at a time deploys an instance of a deployment (PostgreSQL only, where workers run
 * partitions too): a session-level {@code pg_advisory_lock} on a connection of its own, held while
 * the instance's state machine runs. A partition sent again by a restarted manager while a worker
 * still runs the first one waits for it, then finds the instance finished (or where the first one
 * left it), so nothing is written or restarted twice. A process that dies loses its session, and so
 * the lock. On H2 every deploy runs in the one process that holds the run lock: nothing to take.
 */
final class InstanceLock {
    /** The advisory lock class of instance deploys ("dply"); {@code batch.RunLock} uses another. */
    private static final int LOCK_CLASS = 0x64706C79;

    private final DataSource dataSource;
    private final boolean postgres;

    InstanceLock(DataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
    }

    void run(String deployment, String server, String instance, Runnable work) {
        if (!postgres) {
            work.run();
            return;
        }
        String key = deployment + "/" + server + "/" + instance;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_lock(?, hashtext(?))")) {
                st.setInt(1, LOCK_CLASS);
                st.setString(2, key);
                st.execute();
            }
            try {
                work.run();
            } finally {
                try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
                    st.setInt(1, LOCK_CLASS);
                    st.setString(2, key);
                    st.execute();
                }
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot take or give back the deploy lock of " + key + ": " + e.getMessage()
                    + ". Fix: check that PostgreSQL is up ('homeamp doctor'), then run 'homeamp restart'", e);
        }
    }
}
