package org.homeamp.updates.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.homeamp.updates.registry.RegistryEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failures every source must report as typed {@link SourceException}s: 404, 429 with Retry-After, 500,
 * malformed JSON, timeout. Each source test extends this with its own source and entry.
 */
abstract class SourceFailureContract {
    protected final MockWebServer server = new MockWebServer();

    @BeforeEach
    void startServer() throws Exception {
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    protected String base() {
        return server.url("/api").toString();
    }

    protected SourceHttp http() {
        return SourceHttp.builder("homeamp-test/1.0 (ops@example.org)").timeout(Duration.ofMillis(800)).firstBackoff(Duration.ofMillis(50)).build();
    }

    protected static InstalledJar jar(String name, String version) {
        return new InstalledJar(name, version, name + ".jar", "1111", "2222", "3333", "paper");
    }

    /** The source under test, talking to {@link #base()} through {@code http}. */
    protected abstract UpdateSource source(SourceHttp http);

    /** An entry the source can check. */
    protected abstract RegistryEntry entry();

    /** A valid answer to the source's first request, for the retry test. */
    protected abstract String firstAnswer();

    @Test
    void notFoundIsReportedAsNotFound() {
        server.enqueue(new MockResponse.Builder().code(404).body("{\"error\":\"not_found\"}").build());

        assertThatThrownBy(() -> source(http()).candidates(entry(), jar(entry().name(), "1.0")))
                .isInstanceOf(SourceException.NotFound.class).hasMessageContaining("404");
    }

    @Test
    void tooManyRequestsWaitsForRetryAfterThenSucceeds() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
        server.enqueue(new MockResponse.Builder().code(200).body(firstAnswer()).build());
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(200).body(firstAnswer()).build());
        }

        long start = System.nanoTime();
        try {
            source(http()).candidates(entry(), jar(entry().name(), "1.0"));
        } catch (SourceException later) {
            // Later calls of a multi-request source may not like the repeated body; the retry is what counts here.
            assertThat(later).isNotInstanceOf(SourceException.RateLimited.class);
        }
        long waited = (System.nanoTime() - start) / 1_000_000;

        assertThat(waited).isGreaterThanOrEqualTo(1000);
        assertThat(server.takeRequest().getTarget()).isEqualTo(server.takeRequest().getTarget());
    }

    @Test
    void serverErrorIsUnavailable() {
        // retried with backoff: the first attempt and two retries
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(500).body("oops").build());
        }

        assertThatThrownBy(() -> source(http()).candidates(entry(), jar(entry().name(), "1.0")))
                .isInstanceOf(SourceException.Unavailable.class).hasMessageContaining("500").hasMessageContaining("after 3 attempt(s)");
    }

    @Test
    void malformedJsonIsMalformed() {
        server.enqueue(new MockResponse.Builder().code(200).body("<html>Cloudflare</html>").build());

        assertThatThrownBy(() -> source(http()).candidates(entry(), jar(entry().name(), "1.0")))
                .isInstanceOf(SourceException.Malformed.class);
    }

    @Test
    void slowAnswerTimesOutAsUnavailable() {
        server.enqueue(new MockResponse.Builder().code(200).body(firstAnswer()).headersDelay(3, TimeUnit.SECONDS).build());

        assertThatThrownBy(() -> source(http()).candidates(entry(), jar(entry().name(), "1.0")))
                .isInstanceOf(SourceException.Unavailable.class).hasMessageContaining("did not answer in time");
    }
}
