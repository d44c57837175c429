package org.homeamp.batch;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of one long step, shared by all its partitions. On a terminal it prints a line at most
 * every 5 s ({@code items done / total, rate}); otherwise (journald, CI) only the one-line summary
 * at the end, so logs stay short (SPEC §3).
 */
public final class Progress {
    private static final Logger log = LoggerFactory.getLogger(Progress.class);
    private static final long INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

    private final String label;
    private final String unit;
    private final long total;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastPrint = new AtomicLong(System.nanoTime());

    public Progress(String label, String unit, long total, boolean interactive) {
        this.label = label;
        this.unit = unit;
        this.total = total;
        this.interactive = interactive;
    }

    /** True when standard output is a terminal. */
    public static boolean onTerminal() {
        return System.console() != null;
    }

    public void advance(long n) {
        long d = done.addAndGet(n);
        if (!interactive) {
            return;
        }
        long now = System.nanoTime();
        long last = lastPrint.get();
        if (now - last >= INTERVAL_NANOS && lastPrint.compareAndSet(last, now)) {
            log.info("{}: {}/{} {} ({}%), {}/s", label, d, total, unit, total == 0 ? 100 : d * 100 / total, rate(d, now));
        }
    }

    public long done() {
        return done.get();
    }

    /** The closing line of the step. */
    public void finish(String outcome) {
        long now = System.nanoTime();
        log.info("{}: {} {} {} in {} ({}/s)", label, done.get(), unit, outcome,
                JobService.formatDuration(Duration.ofNanos(now - startNanos)), rate(done.get(), now));
    }

    private String rate(long d, long now) {
        double secs = Math.max(1e-3, (now - startNanos) / 1e9);
        return String.format("%.0f", d / secs);
    }
}
