package org.homeamp.updates.sources;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Per-host limits as an OkHttp interceptor: at most {@link HostLimit#maxConcurrent()} requests in flight
 * per host (a fair semaphore; OkHttp's {@code Dispatcher.maxRequestsPerHost} only governs asynchronous
 * calls, and the sources call synchronously), at most {@link HostLimit#requestsPerWindow()} starts in any
 * window, and a pause until the host's own reset when it says its budget is used up
 * ({@code X-RateLimit-Remaining: 0}). A pause longer than {@code maxWait} is refused with a
 * {@link BudgetSpent} instead of waited out. Counts every request that reaches the network.
 * Public for the staging downloader, which gates the file hosts the same way (D-C9).
 */
public final class HostGates implements Interceptor {
    private final Map<String, HostLimit> limits;
    private final HostLimit defaultLimit;
    private final Duration maxWait;
    private final Clock clock;
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    /**
     * @param limits       by host ({@code api.modrinth.com}) or host:port, lower case
     * @param defaultLimit for every other host
     * @param maxWait      the longest pause accepted; a longer one is a {@link BudgetSpent}
     */
    public HostGates(Map<String, HostLimit> limits, HostLimit defaultLimit, Duration maxWait, Clock clock) {
        this.limits = Map.copyOf(limits);
        this.defaultLimit = defaultLimit;
        this.maxWait = maxWait;
        this.clock = clock;
    }

    long requests() {
        return requests.get();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        HttpUrl url = chain.request().url();
        Gate gate = gates.computeIfAbsent(hostKey(url), key -> new Gate(limitFor(url)));
        gate.enter(url);
        try {
            requests.incrementAndGet();
            Response response = chain.proceed(chain.request());
            gate.noteBudget(response.header("X-RateLimit-Remaining"), response.header("X-RateLimit-Reset"));
            return response;
        } finally {
            gate.slots.release();
        }
    }

    HostLimit limitFor(HttpUrl url) {
        HostLimit limit = limits.get(hostKey(url));
        if (limit == null) {
            limit = limits.get(url.host().toLowerCase(Locale.ROOT));
        }
        return limit == null ? defaultLimit : limit;
    }

    static String hostKey(HttpUrl url) {
        return url.host().toLowerCase(Locale.ROOT) + ":" + url.port();
    }

    /** A host's request budget is used up for longer than the run waits. */
    public static final class BudgetSpent extends IOException {
        private final Duration wait;

        BudgetSpent(String message, Duration wait) {
            super(message);
            this.wait = wait;
        }

        Duration waitAsked() {
            return wait;
        }
    }

    /** One host: a semaphore for concurrency, a sliding window of start times for the rate. */
    private final class Gate {
        private final HostLimit limit;
        private final Semaphore slots;
        private final Deque<Instant> starts = new ArrayDeque<>();
        /** Set when the host said its budget is used up, until its reset. */
        private volatile Instant pausedUntil = Instant.MIN;

        Gate(HostLimit limit) {
            this.limit = limit;
            this.slots = new Semaphore(limit.maxConcurrent(), true);
        }

        void enter(HttpUrl url) throws IOException {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + url.host());
            }
            try {
                waitForRate(url);
            } catch (IOException | RuntimeException e) {
                slots.release();
                throw e;
            }
        }

        /** Modrinth sends the seconds until its window resets, GitHub the reset time in epoch seconds. */
        void noteBudget(String remaining, String reset) {
            if (!"0".equals(remaining == null ? null : remaining.strip()) || reset == null) {
                return;
            }
            try {
                long value = Long.parseLong(reset.strip());
                Instant now = clock.instant();
                Instant until = value > 1_000_000_000L ? Instant.ofEpochSecond(value) : now.plusSeconds(value);
                if (until.isAfter(pausedUntil)) {
                    pausedUntil = until;
                }
            } catch (NumberFormatException ignored) {
                // A reset we cannot read leaves the configured limits in charge.
            }
        }

        private void waitForRate(HttpUrl url) throws IOException {
            while (true) {
                Duration wait;
                boolean hostSaidSo = false;
                synchronized (starts) {
                    Instant now = clock.instant();
                    if (pausedUntil.isAfter(now)) {
                        wait = Duration.between(now, pausedUntil);
                        hostSaidSo = true;
                    } else {
                        while (!starts.isEmpty() && !starts.peekFirst().plus(limit.window()).isAfter(now)) {
                            starts.removeFirst();
                        }
                        if (starts.size() < limit.requestsPerWindow()) {
                            starts.addLast(now);
                            return;
                        }
                        wait = Duration.between(now, starts.peekFirst().plus(limit.window()));
                    }
                }
                if (wait.compareTo(maxWait) > 0) {
                    String budget = hostSaidSo ? "the host's own request budget"
                            : "the request budget (" + limit.requestsPerWindow() + " per " + limit.window() + ")";
                    throw new BudgetSpent(budget + " for " + url.host() + " is used up for the next " + wait.toSeconds()
                            + " s: run the check again later", wait);
                }
                try {
                    Thread.sleep(wait.plusMillis(1).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for " + url.host());
                }
            }
        }
    }
}
