package org.homeamp.updates;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.homeamp.batch.JobNames;
import org.homeamp.batch.RunOutcome;
import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.homeamp.testing.DemoEdits;
import org.homeamp.testing.DemoFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;

/**
 * The update benchmark (bench/updates.sh): 90 distinct plugins against a local Modrinth that answers
 * each request after 100 ms, so checking them one after another would take 9 s. Measures the
 * update-check job's wall time, then a second run the same day, which should be answered by 304s.
 *
 * <p>Not part of the test suite: its assertions are about wall-clock time, which a loaded build machine
 * cannot promise, so its name does not end in {@code Test} and surefire's default includes skip it.
 * {@code bench/updates.sh} runs it by name ({@code -Dtest=UpdateCheckBenchmark}).
 */
class UpdateCheckBenchmark {
    private static final Logger log = LoggerFactory.getLogger(UpdateCheckBenchmark.class);
    private static final int PLUGINS = 90;
    private static final long DELAY_MS = 100;
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    @TempDir
    Path tmp;

    @Test
    void ninetyPluginsAtHundredMillisecondsEachAreCheckedWellUnderTheSequentialFloor() throws Exception {
        SlowModrinth slow = new SlowModrinth();
        try (MockWebServer modrinth = new MockWebServer()) {
            modrinth.setDispatcher(slow);
            modrinth.start();
            DemoNetwork network = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 6, 14, false);
            DemoEdits.modrinthAt(network.configFile(), modrinth.url("/v2").toString(), 4);
            // the loopback "Modrinth" gets Modrinth's documented limit (4 at once, 300 a minute), set as an operator sets
            // one for a mirror; without it, a configured base-url gets the default limit of 10 requests a second (D-U12)
            Files.writeString(network.configFile(), Files.readString(network.configFile()).replace(
                    "modrinth: {base-url: " + modrinth.url("/v2"), "modrinth: {max-concurrent: 4, requests-per-minute: 300, base-url: " + modrinth.url("/v2")));
            try (DemoFixture demo = DemoFixture.open(network)) {
                Path registry = DemoEdits.emptyRegistry(demo.settings().registryDir());
                for (int i = 0; i < PLUGINS; i++) {
                    String name = "Bench" + i;
                    Files.writeString(registry.resolve(name + ".yml"), "name: " + name + "\nsource: modrinth\nproject: bench" + i + "\n");
                    demo.jdbc().update("""
                            INSERT INTO plugin_jar (server, instance_name, file_name, size_bytes, sha1, sha256, sha512, status, plugin_name, version,
                                first_seen, last_seen, last_run) VALUES ('hetzner', 'Bench01', ?, 10, ?, ?, ?, 'OK', ?, '1.0', ?, ?, 0)""",
                            name + "-1.0.jar", hex(i, 40), hex(i, 64), hex(i, 128), name, DAY, DAY);
                }

                long start = System.nanoTime();
                RunOutcome first = demo.jobs().run(JobNames.UPDATE_CHECK, DAY, List.of(), false);
                Duration firstWall = Duration.ofNanos(System.nanoTime() - start);
                int firstRequests = slow.requests.get();
                slow.requests.set(0);
                start = System.nanoTime();
                RunOutcome second = demo.jobs().run(JobNames.UPDATE_CHECK, DAY, List.of(), true);
                Duration secondWall = Duration.ofNanos(System.nanoTime() - start);

                assertThat(first.status()).as(first.message()).isEqualTo(BatchStatus.COMPLETED);
                assertThat(second.status()).as(second.message()).isEqualTo(BatchStatus.COMPLETED);
                double share = slow.notModified.get() / (double) slow.requests.get();
                log.info("BENCH update-check: {} plugins, {} ms per answer: first run {} ms ({} requests), second run {} ms ({} requests, {} answered 304 = {}%)",
                        PLUGINS, DELAY_MS, firstWall.toMillis(), firstRequests, secondWall.toMillis(), slow.requests.get(), slow.notModified.get(),
                        Math.round(share * 1000) / 10.0);
                assertThat(demo.count("SELECT COUNT(*) FROM update_result WHERE state = 'UPDATE_AVAILABLE' AND instance_name = 'Bench01'")) // both runs
                        .isEqualTo(2L * PLUGINS);
                assertThat(firstWall).isLessThan(Duration.ofMillis(PLUGINS * DELAY_MS));
                assertThat(share).isGreaterThanOrEqualTo(0.9);
            }
        }
    }

    private static String hex(int i, int length) {
        String digits = Integer.toHexString(i + 0x100);
        return (digits.repeat(length / digits.length() + 1)).substring(0, length);
    }

    /** Modrinth's version list, each answer after 100 ms; the installed 1.0 is published with its hash, so one request per plugin. */
    static final class SlowModrinth extends Dispatcher {
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger notModified = new AtomicInteger();

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            requests.incrementAndGet();
            Thread.sleep(DELAY_MS);
            String path = request.getUrl().encodedPath();
            if (!path.startsWith("/v2/project/bench") || !path.endsWith("/version")) {
                return new MockResponse.Builder().code(404).build();
            }
            int i = Integer.parseInt(path.substring("/v2/project/bench".length(), path.length() - "/version".length()));
            String etag = "\"v2-" + i + "\"";
            if (etag.equals(request.getHeaders().get("If-None-Match"))) {
                notModified.incrementAndGet();
                return new MockResponse.Builder().code(304).addHeader("ETag", etag).build();
            }
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").addHeader("ETag", etag).body("""
                    [{"id":"b%1$d-2","project_id":"bench%1$d","version_number":"2.0","version_type":"release","status":"listed",
                      "date_published":"2026-11-10T10:00:00Z","files":[{"url":"https://cdn.example.org/Bench%1$d-2.0.jar","filename":"Bench%1$d-2.0.jar",
                      "primary":true,"size":10,"hashes":{"sha512":"%2$s"}}]},
                     {"id":"b%1$d-1","project_id":"bench%1$d","version_number":"1.0","version_type":"release","status":"listed",
                      "date_published":"2026-10-10T10:00:00Z","files":[{"url":"https://cdn.example.org/Bench%1$d-1.0.jar","filename":"Bench%1$d-1.0.jar",
                      "primary":true,"size":10,"hashes":{"sha512":"%3$s"}}]}]""".formatted(i, "f".repeat(128), hex(i, 128))).build();
        }
    }
}
