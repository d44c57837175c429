package org.homeamp.batch;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One job at a time per state dir. An OS file lock on {@code <state-dir>/job.lock}: the kernel drops
 * it when the process dies, even by {@code kill -9}, so a lock we can take proves that an execution
 * left STARTED in the repository belongs to a dead process and may be recovered.
 */
public final class RunLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or returns empty when another process holds it. */
    public static Optional<RunLock> tryAcquire(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        FileChannel ch = FileChannel.open(stateDir.resolve("job.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            // this very JVM holds it already
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
        return Optional.of(new RunLock(ch, l));
    }

    /** Who holds the lock, as written by the holder ({@code pid@host}); for messages. */
    public static String holder(Path stateDir) {
        try {
            return Files.readString(stateDir.resolve("job.lock")).trim();
        } catch (IOException e) {
            return "unknown process";
        }
    }

    /** True when some live process holds the lock right now. */
    public static boolean isHeld(Path stateDir) {
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
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the OS releases the lock with the process anyway
        }
    }
}
