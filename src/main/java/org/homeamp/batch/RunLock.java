package org.homeamp.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.homeamp.config.ConfigException;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.config.SqlDialect;
import org.homeamp.config.StateDatabase;

/**
 * One job at a time per state dir. An OS file lock on {@code <state-dir>/job.lock}: the kernel drops
 * it when the process dies, even by {@code kill -9}, so a lock we can take proves that an execution
 * left STARTED in the repository belongs to a dead process and may be recovered.
 *
 * <p>The command line takes the lock before it starts Spring, so a second job is refused at once; the
 * job service inside takes it again on the same thread, which only counts up.
 *
 * <p>With PostgreSQL as the job database (SPEC §11) several hosts, each with its own state dir, share one
 * job repository, so the lock is also a session-level {@code pg_advisory_lock} held on a dedicated
 * connection for the job's life: PostgreSQL drops it when that connection ends, which a killed process's
 * does at once (and a dead host's once TCP keepalive gives up). The connection's {@code application_name}
 * names the holder ({@code homeamp pid@host}), which the refusal shows.
 */
public final class RunLock implements AutoCloseable {
    /** Locks this process holds, by state dir; re-entrant for the thread that took it. */
    private static final Map<Path, RunLock> HELD = new HashMap<>();

    private final Path key;
    private final Thread owner;
    private final FileChannel channel;
    private final FileLock lock;
    private Connection dbLock;
    private int holds = 1;

    private RunLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.owner = Thread.currentThread();
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the state dir's lock and, when the job database is PostgreSQL, the database's advisory lock
     * too; empty when either is held by another process (or thread).
     *
     * @throws ConfigException when the database cannot be reached to take its lock
     */
    public static Optional<RunLock> tryAcquire(HomeAmpSettings settings) throws IOException {
        Optional<RunLock> taken = tryAcquire(settings.stateDir());
        if (taken.isEmpty()) {
            return taken;
        }
        RunLock mine = taken.get();
        if (!onPostgres(settings) || mine.dbLock != null) {
            return taken;
        }
        StateDatabase.Credentials db = StateDatabase.credentials(settings);
        try {
            Connection c = DatabaseLock.connection(db, DatabaseLock.HOLDER_PREFIX + DatabaseLock.processName());
            long waitUntil = System.nanoTime() + DatabaseLock.PRUNE_WAIT.toNanos();
            while (!DatabaseLock.tryLock(c)) {
                // a worker's backup prune holds it for a moment (whileNoJobRuns), or its holder has just let go: try again
                // rather than refuse the job
                if (!DatabaseLock.pruneOrNobodyHolds(db) || System.nanoTime() - waitUntil > 0) {
                    c.close();
                    mine.close();
                    return Optional.empty();
                }
                DatabaseLock.pause(Duration.ofMillis(250));
            }
            mine.dbLock = c;
            return taken;
        } catch (SQLException e) {
            mine.close();
            throw new ConfigException("cannot take the job lock in " + db.shownUrl() + ": " + firstLine(e.getMessage())
                    + ". Fix: check spring.datasource.url, username and password in " + settings.configFile()
                    + " and that PostgreSQL is up ('homeamp doctor' checks them)");
        } catch (RuntimeException e) {
            mine.close();
            throw e;
        }
    }

    /**
     * As {@link #tryAcquire(HomeAmpSettings)}, or refuses with the message an operator sees.
     *
     * @throws JobFailedException when another job holds it
     */
    public static RunLock acquire(HomeAmpSettings settings) {
        return acquire(settings, "try again");
    }

    /** As {@link #acquire(HomeAmpSettings)}; {@code then} ends the refusal ("deploy again"). */
    public static RunLock acquire(HomeAmpSettings settings, String then) {
        try {
            return tryAcquire(settings).orElseThrow(() -> new JobFailedException(refusal(settings) + " Wait for it to finish"
                    + " (see 'homeamp status'), then " + then + ".", 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + settings.stateDir().resolve("job.lock") + ": " + e.getMessage()
                    + ". Fix: check that the state dir is writable by this user", e);
        }
    }

    /** "Another homeamp job is running on ... (holder)." for whichever lock is taken. */
    private static String refusal(HomeAmpSettings settings) {
        if (!onPostgres(settings) || isHeldHere(settings.stateDir())) {
            return "Another homeamp job is running on this state dir (" + holder(settings.stateDir()) + ").";
        }
        StateDatabase.Credentials db = StateDatabase.credentials(settings);
        return "Another homeamp job is running on the job database " + db.shownUrl() + " ("
                + DatabaseLock.holder(db).orElse("unknown process") + ").";
    }

    /** True when a live process holds the state dir's lock or, on PostgreSQL, the database's lock. */
    public static boolean isHeld(HomeAmpSettings settings) {
        return isHeld(settings.stateDir()) || databaseHolderOf(settings).isPresent();
    }

    /** Who holds the lock ({@code pid@host}, or the database holder's {@code homeamp pid@host}); for messages. */
    public static String holder(HomeAmpSettings settings) {
        if (isHeld(settings.stateDir())) {
            return holder(settings.stateDir());
        }
        return databaseHolderOf(settings).orElse("unknown process");
    }

    /** The process holding the database's advisory lock, when the job database is PostgreSQL and one does. */
    public static Optional<String> databaseHolderOf(HomeAmpSettings settings) {
        if (!onPostgres(settings)) {
            return Optional.empty();
        }
        StateDatabase.Credentials db = StateDatabase.credentials(settings);
        synchronized (HELD) {
            RunLock mine = HELD.get(settings.stateDir().toAbsolutePath().normalize());
            if (mine != null && mine.dbLock != null) {
                return Optional.of(DatabaseLock.HOLDER_PREFIX + DatabaseLock.processName());
            }
        }
        return DatabaseLock.holder(db);
    }

    /**
     * Whether the settings name a PostgreSQL job database; decided from the URL alone, so that the H2
     * case never opens (or prepares) the database just to take the lock.
     */
    private static boolean onPostgres(HomeAmpSettings settings) {
        return SqlDialect.ofUrl(settings.springProperties().get("spring.datasource.url")) == SqlDialect.POSTGRESQL;
    }

    private static boolean isHeldHere(Path stateDir) {
        return isHeld(stateDir);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }


    /**
     * Runs {@code work} while this process holds the job database's advisory lock, so that no homeamp job
     * (deploy, rollback, nightly, on any host) runs meanwhile; empty, without running it, when a job holds
     * the lock. For a {@code homeamp worker}'s housekeeping (its backup prune, D-W9), which must never
     * overlap a rollback that may read a backup: a job that starts meanwhile waits up to {@link DatabaseLock#DatabaseLock.PRUNE_WAIT}
     * instead of being refused. Takes no state dir file lock (a worker may share the manager's state dir).
     * PostgreSQL only.
     *
     * @throws ConfigException when the database cannot be reached to take its lock
     */
    public static <T> Optional<T> whileNoJobRuns(HomeAmpSettings settings, java.util.function.Supplier<T> work) {
        if (!onPostgres(settings)) {
            throw new IllegalStateException("whileNoJobRuns needs the PostgreSQL job database");
        }
        return DatabaseLock.whileNoJobRuns(settings, work);
    }

    /** Takes the lock, or returns empty when another process (or another thread of this one) holds it. */
    public static Optional<RunLock> tryAcquire(Path stateDir) throws IOException {
        Path key = stateDir.toAbsolutePath().normalize();
        synchronized (HELD) {
            RunLock mine = HELD.get(key);
            if (mine != null) {
                if (mine.owner != Thread.currentThread()) {
                    return Optional.empty();
                }
                mine.holds++;
                return Optional.of(mine);
            }
            Optional<RunLock> taken = lockFile(key);
            taken.ifPresent(l -> HELD.put(key, l));
            return taken;
        }
    }

    /**
     * Takes the lock or refuses with the message an operator sees.
     *
     * @throws JobFailedException when another job holds it
     */
    public static RunLock acquire(Path stateDir) {
        try {
            return tryAcquire(stateDir).orElseThrow(() -> new JobFailedException(
                    "Another homeamp job is running on this state dir (" + holder(stateDir)
                            + "). Wait for it to finish (see 'homeamp status'), then try again.", 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + stateDir.resolve("job.lock") + ": " + e.getMessage()
                    + ". Fix: check that the state dir is writable by this user", e);
        }
    }

    private static Optional<RunLock> lockFile(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        FileChannel ch = FileChannel.open(stateDir.resolve("job.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            // this very JVM holds it already, outside this class's bookkeeping
            ch.close();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (l == null) {
            ch.close();
            return Optional.empty();
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ManagementFactory.getRuntimeMXBean().getName() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(false);
        return Optional.of(new RunLock(stateDir, ch, l));
    }

    /** Who holds the lock, as written by the holder ({@code pid@host}); for messages. */
    public static String holder(Path stateDir) {
        try {
            return Files.readString(stateDir.resolve("job.lock")).trim();
        } catch (IOException e) {
            return "unknown process";
        }
    }

    /** True when some live process, or another thread of this one, holds the lock right now. */
    public static boolean isHeld(Path stateDir) {
        Path key = stateDir.toAbsolutePath().normalize();
        synchronized (HELD) {
            if (HELD.containsKey(key)) {
                return true;
            }
        }
        if (!Files.exists(stateDir.resolve("job.lock"))) {
            return false;
        }
        try {
            Optional<RunLock> l = tryAcquire(stateDir);
            l.ifPresent(RunLock::close);
            return l.isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        synchronized (HELD) {
            if (--holds > 0) {
                return;
            }
            HELD.remove(key);
        }
        if (dbLock != null) {
            try {
                // closing the session releases its advisory lock
                dbLock.close();
            } catch (SQLException e) {
                // PostgreSQL releases it when the connection drops anyway
            }
            dbLock = null;
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the OS releases the lock with the process anyway
        }
    }
}
