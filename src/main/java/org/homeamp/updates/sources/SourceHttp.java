package org.homeamp.updates.sources;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the update sources talk HTTP (SPEC §8): the tool's {@code User-Agent}, per-host
 * concurrency and rate limits, {@code Retry-After} honoured on 429/503 within a bounded wait and a
 * bounded number of retries, timeouts, and conditional GETs backed by an {@link HttpCache} (a 304 is
 * answered with the cached body). A bearer token is sent only to the host it was configured for.
 *
 * <p>Failures are {@link SourceException}s naming the URL; tokens never appear in messages or logs.
 * Thread-safe; one instance is shared by all sources of a run.
 */
public final class SourceHttp {
    private static final Logger log = LoggerFactory.getLogger(SourceHttp.class);
    private static final MediaType JSON = MediaType.get("application/json");
    /** Stored as the ETag of a remembered 404; a real ETag is always quoted, so it cannot collide. */
    private static final String NOT_FOUND_MARK = "homeamp:not-found";

    private final OkHttpClient http;
    private final String userAgent;
    private final HttpCache cache;
    private final Map<String, HostLimit> limits;
    private final HostLimit defaultLimit;
    private final Map<String, String> bearerTokens;
    private final Duration maxRetryWait;
    private final int maxRetries;
    private final Clock clock;
    private final Map<String, HostGate> gates = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong conditional = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    private SourceHttp(Builder builder) {
        Duration timeout = builder.timeout;
        this.http = builder.client.newBuilder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(timeout.multipliedBy(2))
                .build();
        this.userAgent = builder.userAgent;
        this.cache = builder.cache;
        this.limits = Map.copyOf(builder.limits);
        this.defaultLimit = builder.defaultLimit;
        this.bearerTokens = Map.copyOf(builder.bearerTokens);
        this.maxRetryWait = builder.maxRetryWait;
        this.maxRetries = builder.maxRetries;
        this.clock = builder.clock;
    }

    /** A builder with sane defaults: 30 s timeouts, 2 retries, at most 60 s waited per retry. */
    public static Builder builder(String userAgent) {
        return new Builder(userAgent);
    }

    /**
     * An answer: status, body and headers. {@code fromCache} is true when the server said 304 and
     * the body is the cached one.
     */
    public record Answer(String url, int code, byte[] body, Headers headers, boolean fromCache) {
        /** A header of the answer, or {@code null}. */
        public String header(String name) {
            return headers.get(name);
        }
    }

    /** Counters for the benchmark and the run summary. */
    public record Stats(long requests, long conditional, long notModified, long retries) {
        /** Share of requests answered 304, 0..1. */
        public double notModifiedShare() {
            return requests == 0 ? 0 : (double) notModified / requests;
        }
    }

    /** The counters so far. */
    public Stats stats() {
        return new Stats(requests.get(), conditional.get(), notModified.get(), retries.get());
    }

    /**
     * A conditional GET: sends the cached validators, serves the cached body on 304, stores the new
     * body and validators on 200.
     *
     * @throws SourceException.NotFound on 404 or 410; other failures as their type
     */
    public Answer get(String url, Map<String, String> headers) throws SourceException {
        Optional<HttpCache.Entry> cached = cache.get(url).filter(entry -> !NOT_FOUND_MARK.equals(entry.etag()));
        Request.Builder request = new Request.Builder().url(url).get();
        headers.forEach(request::header);
        cached.ifPresent(entry -> {
            if (entry.etag() != null) {
                request.header("If-None-Match", entry.etag());
            }
            if (entry.lastModified() != null) {
                request.header("If-Modified-Since", entry.lastModified());
            }
        });
        if (cached.isPresent()) {
            conditional.incrementAndGet();
        }
        Answer answer = execute(request, url);
        if (answer.code() == 304 && cached.isPresent()) {
            notModified.incrementAndGet();
            HttpCache.Entry entry = cached.get();
            cache.put(url, new HttpCache.Entry(entry.etag(), entry.lastModified(), entry.body(), clock.instant()));
            return new Answer(url, 200, entry.body(), answer.headers(), true);
        }
        String etag = answer.header("ETag");
        String lastModified = answer.header("Last-Modified");
        if (answer.code() == 200 && (etag != null || lastModified != null)) {
            cache.put(url, new HttpCache.Entry(etag, lastModified, answer.body(), clock.instant()));
        }
        return answer;
    }

    /**
     * A GET for a lookup that may legitimately find nothing (a jar's hash at Modrinth): a 404 is
     * remembered in the cache for {@code remember}, and within that time answered empty without a
     * request, so unknown hashes do not cost an unconditional request every night.
     */
    public Optional<Answer> getIfExists(String url, Duration remember) throws SourceException {
        Optional<HttpCache.Entry> cached = cache.get(url);
        if (cached.isPresent() && NOT_FOUND_MARK.equals(cached.get().etag())) {
            if (cached.get().fetchedAt().plus(remember).isAfter(clock.instant())) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(get(url, Map.of()));
        } catch (SourceException.NotFound notThere) {
            cache.put(url, new HttpCache.Entry(NOT_FOUND_MARK, null, new byte[0], clock.instant()));
            return Optional.empty();
        }
    }

    /** A GET with only the default headers. */
    public Answer get(String url) throws SourceException {
        return get(url, Map.of());
    }

    /** A JSON POST (Modrinth's bulk hash lookup); never cached. */
    public Answer postJson(String url, String json) throws SourceException {
        return execute(new Request.Builder().url(url).post(RequestBody.create(json, JSON)), url);
    }

    /** A HEAD request, for direct URLs: headers only. */
    public Answer head(String url) throws SourceException {
        return execute(new Request.Builder().url(url).head(), url);
    }

    private Answer execute(Request.Builder builder, String url) throws SourceException {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw new SourceException.Malformed("not an http(s) URL: " + url, null);
        }
        builder.header("User-Agent", userAgent);
        String token = bearerTokens.get(hostKey(parsed));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        Request request = builder.build();
        HostGate gate = gates.computeIfAbsent(hostKey(parsed), key -> new HostGate(limitFor(parsed)));
        for (int attempt = 0; ; attempt++) {
            Answer answer = once(gate, request, url);
            gate.noteBudget(answer);
            int code = answer.code();
            if (code == 429 || code == 503) {
                Duration wait = retryAfter(answer).orElse(Duration.ofSeconds(1L << Math.min(attempt, 5)));
                if (attempt >= maxRetries || wait.compareTo(maxRetryWait) > 0) {
                    String what = code == 429 ? "asks us to slow down" : "is temporarily unavailable";
                    String message = url + " " + what + " (HTTP " + code + ", Retry-After " + wait.toSeconds()
                            + " s) after " + (attempt + 1) + " attempt(s): run the check again later";
                    if (code == 429) {
                        throw new SourceException.RateLimited(message, wait);
                    }
                    throw new SourceException.Unavailable(message, null);
                }
                retries.incrementAndGet();
                log.info("{} answered HTTP {}: waiting {} ms as Retry-After asks, then retrying", url, code, wait.toMillis());
                sleep(wait);
                continue;
            }
            return classify(answer);
        }
    }

    private Answer classify(Answer answer) throws SourceException {
        int code = answer.code();
        String url = answer.url();
        if (code >= 200 && code < 400) {
            return answer;
        }
        if (code == 404 || code == 410) {
            throw new SourceException.NotFound(url + " answered HTTP " + code
                    + ": check the registry entry's project (and asset) for this plugin");
        }
        if (code == 403 && "0".equals(answer.header("X-RateLimit-Remaining"))) {
            throw new SourceException.RateLimited(url + " answered HTTP 403 with no requests left in this hour"
                    + ": configure a GitHub token (sources.github.token-env) or check again later", null);
        }
        if (code == 401 || code == 403) {
            throw new SourceException.Refused(url + " answered HTTP " + code
                    + ": the source refuses this request; check the token and the project's visibility");
        }
        if (code >= 500) {
            throw new SourceException.Unavailable(url + " answered HTTP " + code + ": the source has a problem; "
                    + "the check is repeated on the next run", null);
        }
        throw new SourceException.Refused(url + " answered HTTP " + code + ": check the registry entry");
    }

    private Answer once(HostGate gate, Request request, String url) throws SourceException {
        gate.enter(url);
        requests.incrementAndGet();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            byte[] bytes = body == null ? new byte[0] : body.bytes();
            return new Answer(url, response.code(), bytes, response.headers(), false);
        } catch (InterruptedIOException e) {
            throw new SourceException.Unavailable(url + " did not answer in time (" + e.getMessage()
                    + "): the source is slow or unreachable; the check is repeated on the next run", e);
        } catch (IOException e) {
            throw new SourceException.Unavailable(url + " could not be reached (" + e.getMessage()
                    + "): check the host's internet access and proxy", e);
        } finally {
            gate.leave();
        }
    }

    /** Retry-After in seconds or as an HTTP date. */
    Optional<Duration> retryAfter(Answer answer) {
        String value = answer.header("Retry-After");
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

    private HostLimit limitFor(HttpUrl url) {
        HostLimit limit = limits.get(hostKey(url));
        if (limit == null) {
            limit = limits.get(url.host().toLowerCase(Locale.ROOT));
        }
        return limit == null ? defaultLimit : limit;
    }

    private static String hostKey(HttpUrl url) {
        return url.host().toLowerCase(Locale.ROOT) + ":" + url.port();
    }

    private static void sleep(Duration wait) throws SourceException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException.Unavailable("interrupted while waiting to retry", e);
        }
    }

    /** Per-host concurrency (a semaphore) and start-rate (a sliding window of start times). */
    private final class HostGate {
        private final HostLimit limit;
        private final Semaphore slots;
        private final Deque<Instant> starts = new ArrayDeque<>();
        /** Set when the host said its budget is used up (X-RateLimit-Remaining: 0) until its reset. */
        private volatile Instant pausedUntil = Instant.MIN;

        HostGate(HostLimit limit) {
            this.limit = limit;
            this.slots = new Semaphore(limit.maxConcurrent(), true);
        }

        void enter(String url) throws SourceException {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException.Unavailable("interrupted while waiting for " + url, e);
            }
            try {
                waitForRate(url);
            } catch (SourceException | RuntimeException e) {
                slots.release();
                throw e;
            }
        }

        void leave() {
            slots.release();
        }

        /**
         * Honours the host's own budget headers: Modrinth sends the seconds until the window resets,
         * GitHub the reset time in epoch seconds.
         */
        void noteBudget(Answer answer) {
            String remaining = answer.header("X-RateLimit-Remaining");
            String reset = answer.header("X-RateLimit-Reset");
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

        private void waitForRate(String url) throws SourceException {
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
                if (wait.compareTo(maxRetryWait) > 0) {
                    String budget = hostSaidSo ? "the host's own request budget"
                            : "the request budget (" + limit.requestsPerWindow() + " per " + limit.window() + ")";
                    throw new SourceException.RateLimited(budget + " for " + HttpUrl.get(url).host()
                            + " is used up for the next " + wait.toSeconds() + " s: run the check again later", wait);
                }
                sleep(wait.plusMillis(1));
            }
        }
    }

    /** Builds a {@link SourceHttp}. */
    public static final class Builder {
        private final String userAgent;
        private OkHttpClient client = new OkHttpClient();
        private HttpCache cache = new InMemoryHttpCache();
        private final Map<String, HostLimit> limits = new HashMap<>();
        private HostLimit defaultLimit = HostLimit.DEFAULT;
        private final Map<String, String> bearerTokens = new HashMap<>();
        private Duration timeout = Duration.ofSeconds(30);
        private Duration maxRetryWait = Duration.ofSeconds(60);
        private int maxRetries = 2;
        private Clock clock = Clock.systemUTC();

        private Builder(String userAgent) {
            if (userAgent == null || userAgent.isBlank()) {
                throw new IllegalArgumentException("a User-Agent is required: Modrinth blocks anonymous tools");
            }
            this.userAgent = userAgent;
        }

        /** Shares an OkHttp client's pool and dispatcher. */
        public Builder client(OkHttpClient shared) {
            this.client = shared;
            return this;
        }

        /** Where validators and bodies are kept between runs. */
        public Builder cache(HttpCache store) {
            this.cache = store;
            return this;
        }

        /** Limits for one host ({@code api.modrinth.com}) or host:port ({@code localhost:8080}). */
        public Builder limit(String host, HostLimit limit) {
            limits.put(host.toLowerCase(Locale.ROOT), limit);
            return this;
        }

        /** Limits for hosts without their own. */
        public Builder defaultLimit(HostLimit limit) {
            this.defaultLimit = limit;
            return this;
        }

        /**
         * Sends {@code Authorization: Bearer <token>} to the host (and port) of {@code baseUrl} only.
         * A blank token is ignored.
         */
        public Builder bearerToken(String baseUrl, String token) {
            HttpUrl url = HttpUrl.get(baseUrl);
            if (token != null && !token.isBlank()) {
                bearerTokens.put(hostKey(url), token.strip());
            }
            return this;
        }

        /** Connect/read/write timeout; the whole call may take twice as long. */
        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        /** The longest wait accepted for one Retry-After or rate-limit pause; longer ones fail the check. */
        public Builder maxRetryWait(Duration value) {
            this.maxRetryWait = value;
            return this;
        }

        /** How often a 429/503 is retried. */
        public Builder maxRetries(int value) {
            this.maxRetries = value;
            return this;
        }

        /** The clock used for cache times and HTTP dates. */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public SourceHttp build() {
            return new SourceHttp(this);
        }
    }
}
