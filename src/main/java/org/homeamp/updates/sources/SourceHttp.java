package org.homeamp.updates.sources;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The one way the update sources talk HTTP (SPEC §8): the tool's {@code User-Agent}, per-host
 * concurrency and rate limits ({@link HostGates}), transient failures (429, 5xx, timeouts, resets) retried
 * with {@code Retry-After} honoured within a bounded wait and a bounded number of retries
 * ({@link TransientRetry}; both are OkHttp interceptors), timeouts, and conditional GETs backed by an {@link HttpCache} (a 304 is
 * answered with the cached body). A bearer token is sent only to the host it was configured for.
 *
 * <p>Failures are {@link SourceException}s naming the URL; tokens never appear in messages or logs.
 * Thread-safe; one instance is shared by all sources of a run.
 */
public final class SourceHttp {
    private static final MediaType JSON = MediaType.get("application/json");
    /** Stored as the ETag of a remembered 404; a real ETag is always quoted, so it cannot collide. */
    private static final String NOT_FOUND_MARK = "homeamp:not-found";

    private final OkHttpClient http;
    private final String userAgent;
    private final HttpCache cache;
    private final Map<String, String> bearerTokens;
    private final Clock clock;
    private final TransientRetry retry;
    private final HostGates gates;
    private final AtomicLong conditional = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();

    private SourceHttp(Builder builder) {
        Duration timeout = builder.timeout;
        this.retry = new TransientRetry(builder.maxRetries, builder.maxRetryWait, builder.firstBackoff, builder.clock);
        this.gates = new HostGates(builder.limits, builder.defaultLimit, builder.maxRetryWait, builder.clock);
        // The retries (and their waits) happen inside the call, so the whole-call bound covers all attempts.
        Duration wholeCall = timeout.multipliedBy(2L * (builder.maxRetries + 1)).plus(builder.maxRetryWait.multipliedBy(builder.maxRetries));
        this.http = builder.client.newBuilder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(wholeCall)
                .addInterceptor(retry)
                .addInterceptor(gates)
                .build();
        this.userAgent = builder.userAgent;
        this.cache = builder.cache;
        this.bearerTokens = Map.copyOf(builder.bearerTokens);
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
        return new Stats(gates.requests(), conditional.get(), notModified.get(), retry.retries());
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
        String token = bearerTokens.get(HostGates.hostKey(parsed));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try (Response response = http.newCall(builder.build()).execute()) {
            ResponseBody body = response.body();
            return classify(new Answer(url, response.code(), body == null ? new byte[0] : body.bytes(), response.headers(), false));
        } catch (TransientRetry.GaveUp e) {
            throw gaveUp(url, e);
        } catch (HostGates.BudgetSpent e) {
            throw new SourceException.RateLimited(e.getMessage(), e.waitAsked());
        } catch (InterruptedIOException e) {
            throw new SourceException.Unavailable(url + " did not answer in time (" + e.getMessage()
                    + "): the source is slow or unreachable; the check is repeated on the next run", e);
        } catch (IOException e) {
            throw new SourceException.Unavailable(url + " could not be reached (" + e.getMessage()
                    + "): check the host's internet access and proxy", e);
        }
    }

    private static SourceException gaveUp(String url, TransientRetry.GaveUp e) {
        int code = e.status();
        String after = " after " + e.attempts() + " attempt(s)";
        if (code == 429 || code == 503) {
            String what = code == 429 ? "asks us to slow down" : "is temporarily unavailable";
            String message = url + " " + what + " (HTTP " + code + (e.retryAfter() == null ? "" : ", Retry-After " + e.retryAfter().toSeconds()
                    + " s") + ")" + after + ": run the check again later";
            return code == 429 ? new SourceException.RateLimited(message, e.retryAfter()) : new SourceException.Unavailable(message, null);
        }
        if (code > 0) {
            return new SourceException.Unavailable(url + " answered HTTP " + code + after + ": the source has a problem; "
                    + "the check is repeated on the next run", null);
        }
        if (e.timedOut()) {
            return new SourceException.Unavailable(url + " did not answer in time (" + e.getCause().getMessage() + ")" + after
                    + ": the source is slow or unreachable; the check is repeated on the next run", e);
        }
        return new SourceException.Unavailable(url + " could not be reached (" + e.getCause().getMessage() + ")" + after
                + ": check the host's internet access and proxy", e);
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

    /** The limits that apply to {@code url}'s host. */
    HostLimit limitFor(String url) {
        return gates.limitFor(HttpUrl.get(url));
    }

    /** Retry-After in seconds or as an HTTP date. */
    Optional<Duration> retryAfter(Answer answer) {
        return TransientRetry.retryAfter(answer.header("Retry-After"), clock);
    }

    private static String hostKey(HttpUrl url) {
        return HostGates.hostKey(url);
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
        private Duration firstBackoff = Duration.ofSeconds(1);
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

        /** How often a transient failure (429, 5xx, timeout, reset) is retried. */
        public Builder maxRetries(int value) {
            this.maxRetries = value;
            return this;
        }

        /** The wait before the first retry when the server names none (no Retry-After); doubles per retry. */
        public Builder firstBackoff(Duration value) {
            this.firstBackoff = value;
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
