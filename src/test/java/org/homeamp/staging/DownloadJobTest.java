package org.homeamp.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.homeamp.batch.JobNames;
import org.homeamp.batch.RunOutcome;
import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.homeamp.testing.DemoEdits;
import org.homeamp.testing.DemoFixture;
import org.homeamp.testing.TestJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

/** update-check then download on the demo network, against a Modrinth (mockwebserver3) serving real jars. */
class DownloadJobTest {
    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 20);

    @TempDir
    Path tmp;

    @Test
    void availableUpdatesAreStagedVerifiedAndACorruptOneIsRefused() throws Exception {
        try (MockWebServer modrinth = new MockWebServer()) {
            JarSource source = new JarSource(tmp.resolve("published"));
            modrinth.setDispatcher(source);
            modrinth.start();
            try (DemoFixture demo = prepared(tmp.resolve("demo"), modrinth, source)) {
                assertThat(demo.jobs().run(JobNames.UPDATE_CHECK, DAY1, List.of(), false).status()).isEqualTo(BatchStatus.COMPLETED);

                RunOutcome outcome = demo.jobs().run(JobNames.DOWNLOAD, DAY1, List.of(), false);

                assertThat(outcome.status()).as(outcome.message()).isEqualTo(BatchStatus.COMPLETED);
                long plugins = source.published.size();
                assertThat(demo.count("SELECT COUNT(DISTINCT plugin) FROM update_result WHERE staged = 'STAGED'")).isEqualTo(plugins - 1);
                assertThat(demo.jdbc().queryForList("SELECT DISTINCT plugin FROM update_result WHERE staged = 'FAILED'", String.class))
                        .containsExactly(source.corrupt);
                assertThat(demo.jdbc().queryForObject("SELECT message FROM problem WHERE kind = 'DOWNLOAD_REFUSED'", String.class))
                        .contains(source.corrupt).contains("sha512");
                Path staging = demo.settings().stateDir().resolve("staging");
                for (String name : source.published.keySet()) {
                    Path staged = staging.resolve(name).resolve("99.0.0").resolve(name + "-99.0.0.jar");
                    assertThat(Files.exists(staged)).as(staged.toString()).isEqualTo(!name.equals(source.corrupt));
                }
                assertThat(staging.resolve(source.corrupt)).doesNotExist();
                String json = Files.readString(demo.settings().stateDir().resolve("reports").resolve(DAY1.toString()).resolve("updates.json"));
                assertThat(json).contains("\"staged\":\"STAGED\"").contains("\"staged\":\"FAILED\"");
                int jarRequests = source.jarRequests.get();
                assertThat(jarRequests).isEqualTo(plugins);

                RunOutcome again = demo.jobs().run(JobNames.DOWNLOAD, DAY1, List.of(), true);

                assertThat(again.status()).isEqualTo(BatchStatus.COMPLETED);
                // verified files are kept without a request; only the refused one is tried again
                assertThat(source.jarRequests.get()).isEqualTo(jarRequests + 1);
            }
        }
    }

    @Test
    void aHostStillBusyAfterTheRetriesIsADownloadFailureNotARefusalAndTheRestIsStaged() throws Exception {
        try (MockWebServer modrinth = new MockWebServer()) {
            JarSource source = new JarSource(tmp.resolve("published"));
            modrinth.setDispatcher(source);
            modrinth.start();
            try (DemoFixture demo = prepared(tmp.resolve("demo"), modrinth, source)) {
                source.busy = new TreeSet<>(source.published.keySet()).last();
                assertThat(demo.jobs().run(JobNames.UPDATE_CHECK, DAY1, List.of(), false).status()).isEqualTo(BatchStatus.COMPLETED);

                RunOutcome outcome = demo.jobs().run(JobNames.DOWNLOAD, DAY1, List.of(), false);

                assertThat(outcome.status()).as(outcome.message()).isEqualTo(BatchStatus.COMPLETED);
                assertThat(demo.jdbc().queryForList("SELECT DISTINCT plugin FROM update_result WHERE staged = 'FAILED'", String.class))
                        .containsExactlyInAnyOrder(source.corrupt, source.busy);
                assertThat(demo.jdbc().queryForList("SELECT message FROM problem WHERE kind = 'DOWNLOAD_FAILED'", String.class))
                        .singleElement().asString().contains(source.busy).contains("HTTP 503").contains("Retry-After 3600 s")
                        .contains("run the download again later").doesNotContain("refused");
                assertThat(demo.jdbc().queryForList("SELECT message FROM problem WHERE kind = 'DOWNLOAD_REFUSED'", String.class))
                        .singleElement().asString().contains(source.corrupt);
                assertThat(demo.count("SELECT COUNT(DISTINCT plugin) FROM update_result WHERE staged = 'STAGED'"))
                        .isEqualTo(source.published.size() - 2);
            }
        }
    }

    /** One file at a time ({@code parallelism: 1}): the restart repeats at most the file in flight. */
    @Test
    void failedDownloadRestartedFetchesNoVerifiedFileTwice() throws Exception {
        try (MockWebServer modrinth = new MockWebServer()) {
            JarSource source = new JarSource(tmp.resolve("published"));
            modrinth.setDispatcher(source);
            modrinth.start();
            DemoNetwork network;
            try (DemoFixture demo = prepared(tmp.resolve("demo"), modrinth, source, 1)) {
                network = demo.network;
                assertThat(demo.jobs().run(JobNames.UPDATE_CHECK, DAY1, List.of(), false).status()).isEqualTo(BatchStatus.COMPLETED);
                // from the 4th jar on, recording a staged file fails: the 4th is in place and verified, its chunk rolls back
                source.onJar(4, () -> demo.jdbc().execute(
                        "ALTER TABLE update_result ADD CONSTRAINT refuse_staged CHECK (staged = 'NOT_STAGED') NOCHECK"));

                RunOutcome failed = demo.jobs().run(JobNames.DOWNLOAD, DAY1, List.of(), false);

                assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
                assertThat(source.jarRequests.get()).isEqualTo(4);
                demo.jdbc().execute("ALTER TABLE update_result DROP CONSTRAINT refuse_staged");
            }
            try (DemoFixture demo = DemoFixture.open(network)) {
                RunOutcome resumed = demo.jobs().restart(null);

                assertThat(resumed.status()).as(resumed.message()).isEqualTo(BatchStatus.COMPLETED);
                // every file fetched once: the one staged before the failure was recognised by its hash
                assertThat(source.jarRequests.get()).isEqualTo(source.published.size());
                assertThat(demo.count("SELECT COUNT(DISTINCT plugin) FROM update_result WHERE staged = 'STAGED'"))
                        .isEqualTo(source.published.size() - 1);
            }
        }
    }

    /**
     * Four files at a time ({@code parallelism: 4}, one chunk of four): the failed chunk is repeated on
     * restart, but its files already verified into place are kept without a request; only its refused
     * file (whose refusal was rolled back with the chunk) is asked for again.
     */
    @Test
    void failedParallelDownloadRestartedFetchesNoVerifiedFileTwice() throws Exception {
        try (MockWebServer modrinth = new MockWebServer()) {
            JarSource source = new JarSource(tmp.resolve("published"));
            modrinth.setDispatcher(source);
            modrinth.start();
            DemoNetwork network;
            try (DemoFixture demo = prepared(tmp.resolve("demo"), modrinth, source, 4)) {
                network = demo.network;
                assertThat(demo.jobs().run(JobNames.UPDATE_CHECK, DAY1, List.of(), false).status()).isEqualTo(BatchStatus.COMPLETED);
                // the 4th jar asked for (the last of the first chunk) makes recording staged files fail: that chunk rolls back
                source.onJar(4, () -> demo.jdbc().execute(
                        "ALTER TABLE update_result ADD CONSTRAINT refuse_staged CHECK (staged = 'NOT_STAGED') NOCHECK"));

                RunOutcome failed = demo.jobs().run(JobNames.DOWNLOAD, DAY1, List.of(), false);

                assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
                assertThat(source.jarRequests.get()).isEqualTo(4);
                assertThat(demo.count("SELECT COUNT(*) FROM update_result WHERE staged <> 'NOT_STAGED'")).isZero();
                demo.jdbc().execute("ALTER TABLE update_result DROP CONSTRAINT refuse_staged");
            }
            try (DemoFixture demo = DemoFixture.open(network)) {
                RunOutcome resumed = demo.jobs().restart(null);

                assertThat(resumed.status()).as(resumed.message()).isEqualTo(BatchStatus.COMPLETED);
                // the corrupt file is the first of the work list, so in the repeated chunk; every verified file was fetched once
                assertThat(source.perFile.get(source.corrupt).get()).isEqualTo(2);
                for (String name : source.published.keySet()) {
                    if (!name.equals(source.corrupt)) {
                        assertThat(source.perFile.get(name).get()).as(name).isEqualTo(1);
                    }
                }
                assertThat(source.jarRequests.get()).isEqualTo(source.published.size() + 1);
                assertThat(demo.count("SELECT COUNT(DISTINCT plugin) FROM update_result WHERE staged = 'STAGED'"))
                        .isEqualTo(source.published.size() - 1);
                assertThat(demo.jdbc().queryForList("SELECT DISTINCT plugin FROM update_result WHERE staged = 'FAILED'", String.class))
                        .containsExactly(source.corrupt);
            }
        }
    }

    static DemoFixture prepared(Path dir, MockWebServer modrinth, JarSource source) throws Exception {
        return prepared(dir, modrinth, source, 4);
    }

    static DemoFixture prepared(Path dir, MockWebServer modrinth, JarSource source, int parallelism) throws Exception {
        DemoNetwork network = new DemoNetworkGenerator().generate(dir, 6, 14, false);
        DemoEdits.modrinthAt(network.configFile(), modrinth.url("/v2").toString(), parallelism);
        DemoFixture demo = DemoFixture.open(network);
        try {
            assertThat(demo.jobs().run(JobNames.DISCOVERY, DAY1, List.of(), false).status()).isEqualTo(BatchStatus.COMPLETED);
            Set<String> names = new TreeSet<>(demo.jdbc().queryForList(
                    "SELECT DISTINCT plugin_name FROM plugin_jar WHERE status = 'OK' AND plugin_name IS NOT NULL", String.class));
            Path registry = DemoEdits.emptyRegistry(demo.settings().registryDir());
            for (String name : names) {
                Files.writeString(registry.resolve(name + ".yml"), "name: " + name + "\nsource: modrinth\nproject: " + name + "\n");
                source.publish(name);
            }
            source.corrupt = names.iterator().next();
            return demo;
        } catch (RuntimeException | Error e) {
            demo.close();
            throw e;
        }
    }

    /** Modrinth's version list, publishing 99.0.0 of every plugin as a real jar; one plugin's served bytes differ from its hash. */
    static final class JarSource extends Dispatcher {
        final Map<String, byte[]> published = new ConcurrentHashMap<>();
        final AtomicInteger jarRequests = new AtomicInteger();
        /** Requests per published file, by plugin name. */
        final Map<String, AtomicInteger> perFile = new ConcurrentHashMap<>();
        private final Path dir;
        volatile String corrupt;
        /** A plugin whose file host is "overloaded": HTTP 503 asking for an hour's wait. */
        volatile String busy;
        private volatile int failAt = -1;
        private volatile Runnable onFail;

        void onJar(int n, Runnable action) {
            onFail = action;
            failAt = n;
        }

        JarSource(Path dir) {
            this.dir = dir;
        }

        void publish(String name) throws Exception {
            published.put(name, Files.readAllBytes(TestJars.plugin(dir.resolve(name + ".jar"), name, "99.0.0")));
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            try {
                if (path.startsWith("/v2/project/") && path.endsWith("/version")) {
                    String name = path.substring("/v2/project/".length(), path.length() - "/version".length());
                    byte[] jar = published.get(name);
                    if (jar == null) {
                        return new MockResponse.Builder().code(404).build();
                    }
                    String sha512 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(jar));
                    String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(jar));
                    String url = request.getUrl().resolve("/files/" + name + "-99.0.0.jar").toString();
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body("""
                            [{"id":"v99","project_id":"%s","version_number":"99.0.0","version_type":"release","status":"listed",
                              "date_published":"2026-11-01T10:00:00Z","files":[{"url":"%s","filename":"%s-99.0.0.jar","primary":true,
                              "size":%d,"hashes":{"sha1":"%s","sha512":"%s"}}]}]""".formatted(name, url, name, jar.length, sha1, sha512)).build();
                }
                if (path.startsWith("/files/")) {
                    if (jarRequests.incrementAndGet() == failAt) {
                        onFail.run();
                    }
                    String name = path.substring("/files/".length(), path.length() - "-99.0.0.jar".length());
                    perFile.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                    if (name.equals(busy)) {
                        return new MockResponse.Builder().code(503).addHeader("Retry-After", "3600").body("overloaded").build();
                    }
                    byte[] jar = published.get(name).clone();
                    if (name.equals(corrupt)) {
                        jar[jar.length / 2] ^= 0x55;
                    }
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/java-archive")
                            .body(new Buffer().write(jar)).build();
                }
                return new MockResponse.Builder().code(404).body("{}").build();
            } catch (Exception e) {
                return new MockResponse.Builder().code(500).body(e.toString()).build();
            }
        }
    }
}
