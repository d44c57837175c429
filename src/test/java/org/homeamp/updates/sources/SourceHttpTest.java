package org.homeamp.updates.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

class SourceHttpTest {
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url(String path) {
        return server.url(path).toString();
    }

    @Test
    void etagRoundTripServesCachedBodyFromTheDatabaseOn304() throws Exception {
        DriverManagerDataSource db = new DriverManagerDataSource("jdbc:h2:mem:httpcache;DB_CLOSE_DELAY=-1", "sa", "");
        new JdbcTemplate(db).execute(Files.readString(Path.of("src/main/resources/db/migration/V3__http_cache.sql")));
        JdbcHttpCache cache = new JdbcHttpCache(db);
        server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"v1\"")
                .addHeader("Last-Modified", "Wed, 21 Oct 2026 07:28:00 GMT").body("[1,2,3]").build());
        server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"v1\"").build());
        SourceHttp first = SourceHttp.builder("homeamp-test/1.0").cache(cache).build();

        SourceHttp.Answer fresh = first.get(url("/versions"));
        // A new SourceHttp (the next night's run) with the same database.
        SourceHttp second = SourceHttp.builder("homeamp-test/1.0").cache(new JdbcHttpCache(db)).build();
        SourceHttp.Answer revalidated = second.get(url("/versions"));

        assertThat(fresh.fromCache()).isFalse();
        assertThat(revalidated.fromCache()).isTrue();
        assertThat(new String(revalidated.body(), StandardCharsets.UTF_8)).isEqualTo("[1,2,3]");
        assertThat(revalidated.code()).isEqualTo(200);
        RecordedRequest plain = server.takeRequest();
        RecordedRequest conditional = server.takeRequest();
        assertThat(plain.getHeaders().get("If-None-Match")).isNull();
        assertThat(plain.getHeaders().get("User-Agent")).isEqualTo("homeamp-test/1.0");
        assertThat(conditional.getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(conditional.getHeaders().get("If-Modified-Since")).isEqualTo("Wed, 21 Oct 2026 07:28:00 GMT");
        assertThat(second.stats()).isEqualTo(new SourceHttp.Stats(1, 1, 1, 0));
        assertThat(second.stats().notModifiedShare()).isEqualTo(1.0);
    }

    @Test
    void jdbcCacheReplacesAnEntry() {
        DriverManagerDataSource db = new DriverManagerDataSource("jdbc:h2:mem:httpcache2;DB_CLOSE_DELAY=-1", "sa", "");
        new JdbcTemplate(db).execute(readMigration());
        JdbcHttpCache cache = new JdbcHttpCache(db);

        cache.put("https://x/a", new HttpCache.Entry("\"1\"", null, new byte[] {1}, java.time.Instant.EPOCH));
        cache.put("https://x/a", new HttpCache.Entry("\"2\"", null, new byte[] {2}, java.time.Instant.EPOCH));

        assertThat(cache.get("https://x/a")).get().satisfies(e -> {
            assertThat(e.etag()).isEqualTo("\"2\"");
            assertThat(e.body()).containsExactly(2);
        });
        assertThat(cache.get("https://x/b")).isEmpty();
    }

    @Test
    void retryAfterSecondsIsHonouredThenRetried() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        SourceHttp http = SourceHttp.builder("t/1").build();

        long start = System.nanoTime();
        SourceHttp.Answer answer = http.get(url("/x"));
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(answer.code()).isEqualTo(200);
        assertThat(waitedMillis).isGreaterThanOrEqualTo(1000);
        assertThat(http.stats().retries()).isEqualTo(1);
    }

    @Test
    void retryAfterLongerThanTheBoundFailsAsRateLimited() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());
        SourceHttp http = SourceHttp.builder("t/1").maxRetryWait(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> http.get(url("/x"))).isInstanceOf(SourceException.RateLimited.class)
                .hasMessageContaining("Retry-After 3600 s");
    }

    @Test
    void retryAfterAsHttpDateIsRead() {
        SourceHttp http = SourceHttp.builder("t/1").build();
        okhttp3.Headers headers = okhttp3.Headers.of("Retry-After", "Wed, 21 Oct 2099 07:28:00 GMT");

        Duration wait = http.retryAfter(new SourceHttp.Answer("u", 503, new byte[0], headers, false)).orElseThrow();

        assertThat(wait).isGreaterThan(Duration.ofDays(365));
    }

    @Test
    void repeated503BecomesUnavailableAfterBoundedRetries() {
        // Retry-After: 0 would be retried by OkHttp itself once; 1 s keeps the count ours.
        for (int i = 0; i < 2; i++) {
            server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "1").build());
        }
        SourceHttp http = SourceHttp.builder("t/1").maxRetries(1).timeout(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> http.get(url("/x"))).isInstanceOf(SourceException.Unavailable.class)
                .hasMessageContaining("after 2 attempt(s)");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void statusCodesBecomeTypedFailures() {
        server.enqueue(new MockResponse.Builder().code(404).build());
        server.enqueue(new MockResponse.Builder().code(500).build());
        server.enqueue(new MockResponse.Builder().code(403).build());
        // without retries: a 500 is retried (see transientServerErrorsAndTimeoutsAreRetriedWithBackoff)
        SourceHttp http = SourceHttp.builder("t/1").maxRetries(0).build();

        assertThatThrownBy(() -> http.get(url("/a"))).isInstanceOf(SourceException.NotFound.class);
        assertThatThrownBy(() -> http.get(url("/b"))).isInstanceOf(SourceException.Unavailable.class);
        assertThatThrownBy(() -> http.get(url("/c"))).isInstanceOf(SourceException.Refused.class);
    }

    @Test
    void timeoutBecomesUnavailable() {
        server.enqueue(new MockResponse.Builder().code(200).body("late").headersDelay(2, TimeUnit.SECONDS).build());
        SourceHttp http = SourceHttp.builder("t/1").timeout(Duration.ofMillis(300)).maxRetries(0).build();

        assertThatThrownBy(() -> http.get(url("/slow"))).isInstanceOf(SourceException.Unavailable.class)
                .hasMessageContaining("did not answer in time");
    }

    @Test
    void transientServerErrorsAndTimeoutsAreRetriedWithBackoff() throws Exception {
        server.enqueue(new MockResponse.Builder().code(502).body("bad gateway").build());
        server.enqueue(new MockResponse.Builder().code(200).body("late").headersDelay(2, TimeUnit.SECONDS).build());
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        SourceHttp http = SourceHttp.builder("t/1").timeout(Duration.ofMillis(500)).firstBackoff(Duration.ofMillis(50)).build();

        SourceHttp.Answer answer = http.get(url("/flaky"));

        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
        assertThat(http.stats().retries()).isEqualTo(2);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aResetConnectionIsRetried() throws Exception {
        server.enqueue(new MockResponse.Builder().onResponseStart(new mockwebserver3.SocketEffect.CloseSocket()).build());
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        // OkHttp's own silent retry is off, so the retry seen is ours
        SourceHttp http = SourceHttp.builder("t/1").client(new okhttp3.OkHttpClient.Builder().retryOnConnectionFailure(false).build())
                .firstBackoff(Duration.ofMillis(50)).build();

        assertThat(new String(http.get(url("/reset")).body(), StandardCharsets.UTF_8)).isEqualTo("ok");
        assertThat(http.stats().retries()).isEqualTo(1);
    }

    @Test
    void persistentServerErrorsFailAfterTheBudgetNamingTheAttempts() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(500).body("oops").build());
        }
        SourceHttp http = SourceHttp.builder("t/1").firstBackoff(Duration.ofMillis(50)).build();

        assertThatThrownBy(() -> http.get(url("/down"))).isInstanceOf(SourceException.Unavailable.class)
                .hasMessageContaining("HTTP 500").hasMessageContaining("after 3 attempt(s)");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void rateLimitSpacesRequestStarts() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        }
        SourceHttp http = SourceHttp.builder("t/1")
                .limit(server.getHostName() + ":" + server.getPort(), new HostLimit(4, 2, Duration.ofMillis(800))).build();

        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            http.get(url("/r" + i));
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsedMillis).isGreaterThanOrEqualTo(790);
    }

    @Test
    void concurrencyLimitKeepsRequestsInLine() throws Exception {
        List<Integer> inFlightSeen = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                int now = inFlight.incrementAndGet();
                synchronized (inFlightSeen) {
                    inFlightSeen.add(now);
                }
                Thread.sleep(100);
                inFlight.decrementAndGet();
                return new MockResponse.Builder().code(200).body("ok").build();
            }
        });
        SourceHttp http = SourceHttp.builder("t/1")
                .limit(server.getHostName(), new HostLimit(2, 100, Duration.ofSeconds(1))).build();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<SourceHttp.Answer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String path = "/c" + i;
                calls.add(pool.submit(() -> http.get(url(path))));
            }
            for (Future<SourceHttp.Answer> call : calls) {
                assertThat(call.get().code()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(inFlightSeen).hasSize(6).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
        assertThat(inFlightSeen).contains(2);
    }

    @Test
    void bearerTokenGoesOnlyToItsHost() throws Exception {
        try (MockWebServer other = new MockWebServer()) {
            other.start();
            server.enqueue(new MockResponse.Builder().code(200).body("gh").build());
            other.enqueue(new MockResponse.Builder().code(200).body("cdn").build());
            SourceHttp http = SourceHttp.builder("t/1").bearerToken(url("/"), "secret-token").build();

            http.get(url("/repos/a/b/releases"));
            http.get(other.url("/file.jar").toString());

            assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer secret-token");
            assertThat(other.takeRequest().getHeaders().get("Authorization")).isNull();
        }
    }

    @Test
    void exhaustedBudgetHeaderPausesTheHostUntilItsReset() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("X-RateLimit-Remaining", "0")
                .addHeader("X-RateLimit-Reset", "1").body("a").build());
        server.enqueue(new MockResponse.Builder().code(200).body("b").build());
        SourceHttp http = SourceHttp.builder("t/1").build();

        http.get(url("/first"));
        long start = System.nanoTime();
        http.get(url("/second"));
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(waitedMillis).isGreaterThanOrEqualTo(900);
    }

    @Test
    void exhaustedBudgetBeyondTheBoundFailsWithoutAsking() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("X-RateLimit-Remaining", "0")
                .addHeader("X-RateLimit-Reset", "3600").body("a").build());
        SourceHttp http = SourceHttp.builder("t/1").maxRetryWait(Duration.ofSeconds(2)).build();

        http.get(url("/first"));

        assertThatThrownBy(() -> http.get(url("/second"))).isInstanceOf(SourceException.RateLimited.class)
                .hasMessageContaining("host's own request budget");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void unknownLookupIsRememberedSoTheNextRunAsksNothing() throws Exception {
        server.enqueue(new MockResponse.Builder().code(404).build());
        InMemoryHttpCache cache = new InMemoryHttpCache();
        SourceHttp http = SourceHttp.builder("t/1").cache(cache).build();

        assertThat(http.getIfExists(url("/version_file/abc"), Duration.ofDays(7))).isEmpty();
        assertThat(http.getIfExists(url("/version_file/abc"), Duration.ofDays(7))).isEmpty();

        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(http.stats().requests()).isEqualTo(1);
    }

    private static String readMigration() {
        try {
            return Files.readString(Path.of("src/main/resources/db/migration/V3__http_cache.sql"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
