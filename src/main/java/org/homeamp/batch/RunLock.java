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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One job at a time per state dir. An OS file lock on {@code <state-dir>/job.lock}: the kernel drops
 * it when the process dies, even by {@code kill -9}, so a lock we can take proves that an execution
 * left STARTED in the repository belongs to a dead process and may be recovered.
 *
 * <p>The command line takes the lock before it starts Spring, so a second job is refused at once; the
 * job service inside takes it again on the same thread, which only counts up.
 */
public final class RunLock implements AutoCloseable {
    /** Locks this process holds, by state dir; re-entrant for the thread that took it. */
    private static final Map<Path, RunLock> HELD = new HashMap<>();

    private final Path key;
    private final Thread owner;
    private final FileChannel channel;
    private final FileLock lock;
    private int holds = 1;

    private RunLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.owner = Thread.currentThread();
        this.channel = channel;
        this.lock = lock;
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
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the OS releases the lock with the process anyway
        }
    }
}
