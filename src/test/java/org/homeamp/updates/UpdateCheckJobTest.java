package org.homeamp.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.homeamp.batch.JobNames;
import org.homeamp.batch.RunOutcome;
import org.homeamp.config.ConfigException;
import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.homeamp.testing.DemoEdits;
import org.homeamp.testing.DemoFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The update-check job on the demo network against a Modrinth speaking the real wire format
 * (mockwebserver3): every demo plugin gets a registry entry pointing at it.
 */
class UpdateCheckJobTest {
    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 20);
    private static final String DOWN = "down-plugin";

    @TempDir
    Path tmp;

    @Test
    void checkFansEachDistinctJarOutToEveryInstanceAndWritesUpdatesJson() throws Exception {
        try (MockWebServer modrinth = new MockWebServer()) {
            FakeModrinth fake = new FakeModrinth(Set.of());
            modrinth.setDispatcher(fake);
            modrinth.start();
            try (DemoFixture demo = prepared(tmp.resolve("demo"), modrinth, 4)) {
                long distinct = demo.count("SELECT COUNT(DISTINCT plugin_name || sha256) FROM plugin_jar WHERE status = 'OK' AND removed_on IS NULL");
                long pairs = demo.count("""
                        SELECT COUNT(*) FROM (SELECT DISTINCT server, instance_name, plugin_name FROM plugin_jar
                                               WHERE status = 'OK' AND removed_on IS NULL AND plugin_name IS NOT NULL)""");

                RunOutcome outcome = demo.jobs().run(JobNames.UPDATE_CHECK, DAY1, List.of(), false);

                assertThat(outcome.status()).as(outcome.message()).isEqualTo(BatchStatus.COMPLETED);
                assertThat(demo.count("SELECT COUNT(*) FROM update_result")).isEqualTo(pairs);
                assertThat(demo.count("SELECT COUNT(*) FROM update_result WHERE state = 'UPDATE_AVAILABLE' AND latest = '99.0.0'"))
                        .isEqualTo(pairs);
                assertThat(demo.count("SELECT COUNT(*) FROM update_result WHERE checksum_algorithm = 'SHA512' AND file_size = 1234")).isEqualTo(pairs);
                // one version list per distinct jar, not per instance
                assertThat(fake.versionListRequests()).isEqualTo(distinct);
                Path json = demo.settings().stateDir().resolve("reports").resolve(DAY1.toString()).resolve("updates.json");
                String text = Files.readString(json);
                assertThat(text).startsWith("{\"format_version\":1,\"date\":\"2026-11-20\",\"results\":[{\"server\":");
                assertThat(text).contains("\"state\":\"UPDATE_AVAILABLE\"").contains("\"checksum\":\"sha512:").contains("\"staged\":\"NOT_STAGED\"")
                        .contains("\"source\":\"modrinth\"").contains("\"channel\":\"release\"");
                assertThat(demo.count("SELECT COUNT(*) FROM update_work")).isZero();
            }
        }
    }

    @Test
    void aSourceThatIsDownFailsOnlyItsPluginsWithTheReason() throws Exception {
        try (MockWebServer modrinth = new MockWebServer()) {
            FakeModrinth fake = new FakeModrinth(Set.of(DOWN));
            modrinth.setDispatcher(fake);
            modrinth.start();
            try (DemoFixture demo = prepared(tmp.resolve("demo"), modrinth, 4)) {
                RunOutcome outcome = demo.jobs().run(JobNames.UPDATE_CHECK, DAY1, List.of(), false);

                assertThat(outcome.status()).as(outcome.message()).isEqualTo(BatchStatus.COMPLETED);
                List<String> failed = demo.jdbc().queryForList("SELECT DISTINCT reason FROM update_result WHERE state = 'CHECK_FAILED'", String.class);
                assertThat(failed).singleElement().asString().startsWith("UNAVAILABLE: ").contains("HTTP 500");
                assertThat(demo.count("SELECT COUNT(*) FROM update_result WHERE state = 'UPDATE_AVAILABLE'")).isPositive();
                assertThat(demo.count("SELECT COUNT(*) FROM problem WHERE kind = 'UPDATE_CHECK_FAILED'")).isPositive();
            }
        }
    }

    @Test
    void aBrokenRegistryRefusesToStartBeforeAnyRequest() throws Exception {
        try (MockWebServer modrinth = new MockWebServer()) {
            FakeModrinth fake = new FakeModrinth(Set.of());
            modrinth.setDispatcher(fake);
            modrinth.start();
            try (DemoFixture demo = prepared(tmp.resolve("demo"), modrinth, 4)) {
                Path broken = demo.settings().registryDir().resolve("plugins").resolve("Broken.yml");
                Files.writeString(broken, "name: Broken\nsource: modrinht\nproject: broken\n");

                assertThatThrownBy(() -> demo.jobs().run(JobNames.UPDATE_CHECK, DAY1, List.of(), false))
                        .isInstanceOf(ConfigException.class).hasMessageContaining("Broken.yml:2").hasMessageContaining("modrinht");
                assertThat(fake.requests()).isZero();
            }
        }
    }

    @Test
    void failedCheckRestartedAsksNoSourceTwiceAndEqualsAnUninterruptedRun() throws Exception {
        Map<String, String> uninterrupted;
        Map<String, Integer> uninterruptedRequests;
        try (MockWebServer modrinth = new MockWebServer()) {
            FakeModrinth fake = new FakeModrinth(Set.of());
            modrinth.setDispatcher(fake);
            modrinth.start();
            try (DemoFixture twin = prepared(tmp.resolve("twin"), modrinth, 2)) {
                assertThat(twin.jobs().run(JobNames.UPDATE_CHECK, DAY1, List.of(), false).status()).isEqualTo(BatchStatus.COMPLETED);
                uninterrupted = results(twin.jdbc());
                uninterruptedRequests = fake.byPath();
            }
        }
        try (MockWebServer modrinth = new MockWebServer()) {
            FakeModrinth fake = new FakeModrinth(Set.of());
            modrinth.setDispatcher(fake);
            modrinth.start();
            DemoNetwork network;
            try (DemoFixture demo = prepared(tmp.resolve("demo"), modrinth, 2)) {
                network = demo.network;
                // after 7 answers the result table starts refusing writes: the chunks in flight fail, the run fails
                fake.failAfter(7, () -> demo.jdbc().execute("ALTER TABLE update_result ADD CONSTRAINT refuse_writes CHECK (run_id < 0) NOCHECK"));

                RunOutcome failed = demo.jobs().run(JobNames.UPDATE_CHECK, DAY1, List.of(), false);

                assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
                assertThat(failed.message()).contains("homeamp restart");
                assertThat(demo.count("SELECT COUNT(*) FROM update_result")).isLessThan(uninterrupted.size());
                assertThat(fake.requests()).isBetween(7, uninterruptedRequests.values().stream().mapToInt(Integer::intValue).sum() - 1);
                demo.jdbc().execute("ALTER TABLE update_result DROP CONSTRAINT refuse_writes");
            }
            try (DemoFixture demo = DemoFixture.open(network)) {
                RunOutcome resumed = demo.jobs().restart(null);

                assertThat(resumed.status()).as(resumed.message()).isEqualTo(BatchStatus.COMPLETED);
                assertThat(results(demo.jdbc())).isEqualTo(uninterrupted);
                // the same requests, each once, as the uninterrupted run: nothing answered before the failure was asked again
                assertThat(fake.byPath()).isEqualTo(uninterruptedRequests);
            }
        }
    }

    /** A demo network with discovery done and one Modrinth registry entry per installed plugin. */
    static DemoFixture prepared(Path dir, MockWebServer modrinth, int parallelism) throws Exception {
        DemoNetwork network = new DemoNetworkGenerator().generate(dir, 6, 14, false);
        DemoEdits.modrinthAt(network.configFile(), modrinth.url("/v2").toString(), parallelism);
        DemoFixture demo = DemoFixture.open(network);
        try {
            assertThat(demo.jobs().run(JobNames.DISCOVERY, DAY1, List.of(), false).status()).isEqualTo(BatchStatus.COMPLETED);
            Path plugins = DemoEdits.emptyRegistry(demo.settings().registryDir());
            Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            names.addAll(demo.jdbc().queryForList("SELECT DISTINCT plugin_name FROM plugin_jar WHERE status = 'OK' AND plugin_name IS NOT NULL",
                    String.class));
            boolean first = true;
            for (String name : names) {
                String project = first ? DOWN : name.toLowerCase().replaceAll("[^a-z0-9_.-]", "-");
                first = false;
                Files.writeString(plugins.resolve(name + ".yml"), "name: " + name + "\nsource: modrinth\nproject: " + project + "\n");
            }
            return demo;
        } catch (RuntimeException | Error e) {
            demo.close();
            throw e;
        }
    }

    static Map<String, String> results(JdbcTemplate jdbc) {
        Map<String, String> out = new TreeMap<>();
        jdbc.query("SELECT server, instance_name, plugin, installed, latest, state, reason, checksum FROM update_result", rs -> {
            out.put(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3),
                    rs.getString(4) + "|" + rs.getString(5) + "|" + rs.getString(6) + "|" + rs.getString(7) + "|" + rs.getString(8));
        });
        return out;
    }

    /** Modrinth's version list and version_file endpoints; projects in {@code down} answer HTTP 500. */
    static final class FakeModrinth extends Dispatcher {
        private final Set<String> down;
        private final Map<String, Integer> byPath = new ConcurrentHashMap<>();
        private final AtomicInteger requests = new AtomicInteger();
        private volatile int failAfter = Integer.MAX_VALUE;
        private volatile Runnable onFail;

        FakeModrinth(Set<String> down) {
            this.down = down;
        }

        void failAfter(int n, Runnable action) {
            onFail = action;
            failAfter = n;
        }

        int requests() {
            return requests.get();
        }

        Map<String, Integer> byPath() {
            return new TreeMap<>(byPath);
        }

        long versionListRequests() {
            return byPath.entrySet().stream().filter(e -> e.getKey().endsWith("/version")).mapToLong(Map.Entry::getValue).sum();
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            byPath.merge(path, 1, Integer::sum);
            int n = requests.incrementAndGet();
            if (n == failAfter && onFail != null) {
                onFail.run();
            }
            if (path.startsWith("/v2/version_file/")) {
                return new MockResponse.Builder().code(404).body("{\"error\":\"not_found\"}").build();
            }
            if (path.startsWith("/v2/project/") && path.endsWith("/version")) {
                String project = path.substring("/v2/project/".length(), path.length() - "/version".length());
                if (down.contains(project)) {
                    return new MockResponse.Builder().code(500).body("oops").build();
                }
                String sha512 = "ab".repeat(64);
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body("""
                        [{"id":"v99","project_id":"%s","version_number":"99.0.0","version_type":"release","status":"listed",
                          "date_published":"2026-11-01T10:00:00Z","loaders":["paper"],
                          "files":[{"url":"https://cdn.modrinth.com/data/%s/%s-99.0.0.jar","filename":"%s-99.0.0.jar","primary":true,
                                    "size":1234,"file_type":null,"hashes":{"sha1":"%s","sha512":"%s"}}]}]"""
                        .formatted(project, project, project, project, "cd".repeat(20), sha512)).build();
            }
            return new MockResponse.Builder().code(404).build();
        }
    }
}
