package org.homeamp.updates.sources;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OkHttp application interceptor that retries transient failures of idempotent requests (SPEC: a
 * source API call or a file download): HTTP 408, 429, 500, 502, 503 and 504, a timeout, a refused or
 * reset connection. It waits what {@code Retry-After} asks (seconds or an HTTP date), else an
 * exponential backoff from {@code firstBackoff}, and gives up after {@code maxRetries} retries or when a
 * single wait would exceed {@code maxWait}; giving up is a {@link GaveUp} naming the host, the status
 * or error, the wait asked for and the attempts made, so callers can tell a busy host from a bad file.
 *
 * <p>Installed before any per-host limiter, so a thread waiting out a {@code Retry-After} holds no
 * host slot. The wait is a sleep of the calling thread: callers must hold no transaction across it.
 * Thread-safe.
 */
public final class TransientRetry implements Interceptor {
    private static final Logger log = LoggerFactory.getLogger(TransientRetry.class);
    /** Statuses that say "not now" rather than "not this". */
    static final Set<Integer> TRANSIENT_STATUS = Set.of(408, 429, 500, 502, 503, 504);

    private final int maxRetries;
    private final Duration maxWait;
    private final Duration firstBackoff;
    private final Clock clock;
    private final AtomicLong retries = new AtomicLong();

    /**
     * @param maxRetries   retries after the first attempt (0: none)
     * @param maxWait      the longest single wait accepted; a longer Retry-After gives up at once
     * @param firstBackoff the wait before the first retry when the server names none; doubles per retry
     */
    public TransientRetry(int maxRetries, Duration maxWait, Duration firstBackoff, Clock clock) {
        if (maxRetries < 0 || maxWait.isNegative() || firstBackoff.isNegative()) {
            throw new IllegalArgumentException("retry bounds must not be negative: " + maxRetries + ", " + maxWait + ", " + firstBackoff);
        }
        this.maxRetries = maxRetries;
        this.maxWait = maxWait;
        this.firstBackoff = firstBackoff;
        this.clock = clock;
    }

    /** How many retries were made so far. */
    public long retries() {
        return retries.get();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        for (int attempt = 0;; attempt++) {
            Response response;
            try {
                response = chain.proceed(request);
            } catch (IOException e) {
                if (!isTransient(e) || chain.call().isCanceled() || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                Duration wait = backoff(attempt);
                if (attempt >= maxRetries) {
                    throw new GaveUp(request.url().host(), -1, null, attempt + 1, e);
                }
                pause(request, attempt, wait, e.toString());
                continue;
            }
            if (!TRANSIENT_STATUS.contains(response.code())) {
                return response;
            }
            Optional<Duration> asked = retryAfter(response.header("Retry-After"), clock);
            Duration wait = asked.orElse(backoff(attempt));
            int code = response.code();
            response.close();
            if (attempt >= maxRetries || wait.compareTo(maxWait) > 0) {
                throw new GaveUp(request.url().host(), code, asked.orElse(null), attempt + 1, null);
            }
            pause(request, attempt, wait, "HTTP " + code);
        }
    }

    private void pause(Request request, int attempt, Duration wait, String what) throws InterruptedIOException {
        retries.incrementAndGet();
        log.info("{} {} gave {}: waiting {} ms, then retry {} of {}", request.method(), request.url().redact(), what, wait.toMillis(),
                attempt + 1, maxRetries);
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry " + request.url().redact());
        }
    }

    private Duration backoff(int attempt) {
        Duration wait = firstBackoff.multipliedBy(1L << Math.min(attempt, 10));
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }

    /** Timeouts, refused and reset connections, a connection closed mid-answer: worth another try. */
    public static boolean isTransient(IOException e) {
        if (e instanceof GaveUp) {
            return false;
        }
        return e instanceof InterruptedIOException || e instanceof ConnectException || e instanceof SocketException
                || e instanceof EOFException || e.getClass().getName().equals("okhttp3.internal.http2.StreamResetException")
                || String.valueOf(e.getMessage()).startsWith("unexpected end of stream");
    }

    /** {@code Retry-After} as seconds or as an HTTP date, never negative; empty when absent or unreadable. */
    static Optional<Duration> retryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant when = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), when);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /**
     * The retry budget is spent (or the host asked for a longer wait than accepted).
     * {@link #status()} is the last HTTP status, -1 when the last attempt failed without one
     * ({@link #getCause()} then says how).
     */
    public static final class GaveUp extends IOException {
        private final String host;
        private final int status;
        private final Duration retryAfter;
        private final int attempts;

        GaveUp(String host, int status, Duration retryAfter, int attempts, IOException cause) {
            super(describe(host, status, retryAfter, attempts, cause), cause);
            this.host = host;
            this.status = status;
            this.retryAfter = retryAfter;
            this.attempts = attempts;
        }

        /** The host that failed. */
        public String host() {
            return host;
        }

        /** The last HTTP status, or -1. */
        public int status() {
            return status;
        }

        /** What the last Retry-After asked for, or {@code null}. */
        public Duration retryAfter() {
            return retryAfter;
        }

        /** How many requests were made. */
        public int attempts() {
            return attempts;
        }

        /** True when the host said it is rate limiting (HTTP 429). */
        public boolean rateLimited() {
            return status == 429;
        }

        /** True when the last attempt timed out. */
        public boolean timedOut() {
            return getCause() instanceof InterruptedIOException;
        }

        private static String describe(String host, int status, Duration retryAfter, int attempts, IOException cause) {
            String what;
            if (status == 429) {
                what = host + " asks us to slow down (HTTP 429";
            } else if (status == 503) {
                what = host + " is temporarily unavailable (HTTP 503";
            } else if (status > 0) {
                what = host + " has a problem (HTTP " + status;
            } else if (cause instanceof InterruptedIOException) {
                what = host + " did not answer in time (" + cause.getMessage();
            } else {
                what = host + " could not be reached (" + cause;
            }
            return what + (retryAfter == null ? "" : ", Retry-After " + retryAfter.toSeconds() + " s") + ") after " + attempts
                    + " attempt(s)";
        }
    }
}
