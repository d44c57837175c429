package org.homeamp.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads from a local file with a time limit per read, so that a file on a hung mount fails the
 * read instead of hanging the scan for ever. Each read runs on a shared daemon thread; a read
 * that passes the limit closes the stream and throws.
 */
final class TimedInputStream extends FilterInputStream {
    private static final ExecutorService READERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "homeamp-file-read");
        thread.setDaemon(true);
        return thread;
    });

    private final String where;
    private final Duration limit;

    TimedInputStream(InputStream in, String where, Duration limit) {
        super(in);
        this.where = where;
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            // as an interruptible channel does: an interrupted thread reads nothing (Future.get would not say so when the read is quick)
            throw new InterruptedIOException(where + ": interrupted while reading");
        }
        Future<Integer> pending = READERS.submit(() -> in.read(b, off, len));
        try {
            return pending.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            in.close();
            throw new InterruptedIOException(where + ": no data within " + limit.toSeconds()
                    + " s; the file system may hang (a network mount?). Fix: check the mount, then run again");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(where + ": interrupted while reading");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(where + ": " + e.getCause(), e.getCause());
        }
    }
}
