package org.homeamp.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.homeamp.testing.TestJars;
import org.homeamp.testing.WrongValues;
import org.homeamp.updates.sources.HashAlgorithm;
import org.homeamp.updates.sources.TransientRetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staged downloads against a real HTTP server (mockwebserver3): what is staged, and every refusal. */
class JarDownloaderTest {
    @TempDir
    Path tmp;

    private MockWebServer server;
    private byte[] jar;
    private String sha512;
    private Path staging;

    @BeforeEach
    void setUp() throws Exception {
        server = new MockWebServer();
        server.start();
        jar = Files.readAllBytes(TestJars.plugin(tmp.resolve("src/LuckPerms-5.5.0.jar"), "LuckPerms", "5.5.0"));
        sha512 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(jar));
        staging = tmp.resolve("state/staging");
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    private JarDownloader downloader(long maxBytes) {
        return new JarDownloader(new OkHttpClient(), staging, maxBytes, "homeamp-test/1");
    }

    private StagingRequest request(String path, long size, String checksum) {
        return new StagingRequest("LuckPerms", "5.5.0", "LuckPerms-Bukkit-5.5.0.jar", server.url(path).toString(), size, checksum,
                checksum == null ? HashAlgorithm.UNVERIFIED : HashAlgorithm.SHA512);
    }

    private MockResponse jarResponse(byte[] bytes) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/java-archive").body(new Buffer().write(bytes)).build();
    }

    @Test
    void verifiedJarIsMovedIntoPlaceWithNothingElseLeft() throws Exception {
        server.enqueue(jarResponse(jar));

        StagingOutcome outcome = downloader(JarDownloader.DEFAULT_MAX_BYTES).stage(request("/f.jar", jar.length, sha512));

        assertThat(outcome.state()).as(outcome.reason()).isEqualTo(StagingState.STAGED);
        Path expected = staging.resolve("LuckPerms/5.5.0/LuckPerms-Bukkit-5.5.0.jar");
        assertThat(outcome.path()).isEqualTo(expected);
        assertThat(Files.readAllBytes(expected)).isEqualTo(jar);
        assertThat(filesUnder(staging)).containsExactly(expected);
        assertThat(server.takeRequest().getHeaders().get("User-Agent")).isEqualTo("homeamp-test/1");
    }

    @Test
    void aSourceWithoutChecksumGivesUnverified() throws Exception {
        server.enqueue(jarResponse(jar));

        StagingOutcome outcome = downloader(JarDownloader.DEFAULT_MAX_BYTES).stage(request("/f.jar", -1, null));

        assertThat(outcome.state()).isEqualTo(StagingState.UNVERIFIED);
        assertThat(outcome.path()).exists();
    }

    @Test
    void aVerifiedStagedFileIsNeverDownloadedAgain() throws Exception {
        server.enqueue(jarResponse(jar));
        JarDownloader downloader = downloader(JarDownloader.DEFAULT_MAX_BYTES);
        downloader.stage(request("/f.jar", jar.length, sha512));

        StagingOutcome second = downloader.stage(request("/f.jar", jar.length, sha512));

        assertThat(second.state()).isEqualTo(StagingState.STAGED);
        assertThat(second.downloaded()).isFalse();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void oneRedirectIsFollowed() throws Exception {
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/cdn/f.jar").build());
        server.enqueue(jarResponse(jar));

        StagingOutcome outcome = downloader(JarDownloader.DEFAULT_MAX_BYTES).stage(request("/f.jar", jar.length, sha512));

        assertThat(outcome.state()).as(outcome.reason()).isEqualTo(StagingState.STAGED);
    }

    @Test
    void anHtmlPageByContentTypeIsRefused() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html; charset=utf-8").body("<html>login</html>").build());

        StagingOutcome outcome = downloader(JarDownloader.DEFAULT_MAX_BYTES).stage(request("/f.jar", -1, null));

        assertRefused(outcome, "HTML page");
    }

    @Test
    void aBodyStartingWithMarkupIsRefusedWhateverItsType() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/octet-stream")
                .body("  <!DOCTYPE html><html>captcha</html>").build());

        StagingOutcome outcome = downloader(JarDownloader.DEFAULT_MAX_BYTES).stage(request("/f.jar", -1, null));

        assertRefused(outcome, "starting with '<'");
    }

    @Test
    void aRedirectLoopIsRefused() throws Exception {
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/b.jar").build());
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/a.jar").build());

        StagingOutcome outcome = downloader(JarDownloader.DEFAULT_MAX_BYTES).stage(request("/a.jar", jar.length, sha512));

        assertRefused(outcome, "redirects in a loop");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void tooManyRedirectsAreRefused() throws Exception {
        for (int i = 1; i <= 7; i++) {
            server.enqueue(new MockResponse.Builder().code(301).addHeader("Location", "/hop" + i + ".jar").build());
        }

        StagingOutcome outcome = downloader(JarDownloader.DEFAULT_MAX_BYTES).stage(request("/hop0.jar", jar.length, sha512));

        assertRefused(outcome, "redirects more than 5 times");
        assertThat(server.getRequestCount()).isEqualTo(6);
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedWhileStreaming() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(new byte[4096])).build());

        StagingOutcome outcome = downloader(1000).stage(request("/f.jar", -1, null));

        assertRefused(outcome, "over the limit of 1000 bytes");
    }

    @Test
    void aPublishedSizeOverTheLimitIsRefusedWithoutARequest() throws Exception {
        StagingOutcome outcome = downloader(1000).stage(request("/f.jar", 5000, null));

        assertRefused(outcome, "over the limit of 1000 bytes");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void plainHttpToAnotherHostIsRefusedWithoutARequest() throws Exception {
        StagingRequest request = new StagingRequest("LuckPerms", "5.5.0", "l.jar", "http://downloads.example.org/l.jar", -1, null,
                HashAlgorithm.UNVERIFIED);

        StagingOutcome outcome = downloader(JarDownloader.DEFAULT_MAX_BYTES).stage(request);

        assertRefused(outcome, "plain http:// on a non-loopback host");
    }

    @Test
    void aChecksumMismatchLeavesNothingInStaging() throws Exception {
        server.enqueue(jarResponse(jar));

        String wrong = WrongValues.flipped(sha512);

        StagingOutcome outcome = downloader(JarDownloader.DEFAULT_MAX_BYTES).stage(request("/f.jar", jar.length, wrong));

        assertRefused(outcome, "but the source publishes " + wrong);
    }

    @Test
    void aRateLimitedDownloadWaitsOutRetryAfterAndIsStaged() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").body("slow down").build());
        server.enqueue(jarResponse(jar));

        StagingOutcome outcome = downloader(JarDownloader.DEFAULT_MAX_BYTES).stage(request("/f.jar", jar.length, sha512));

        assertThat(outcome.state()).as(outcome.reason()).isEqualTo(StagingState.STAGED);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void serverErrorsAndABrokenTransferAreRetried() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).build());
        // the body breaks off half way: retried from the start of the file
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/java-archive")
                .body(new Buffer().write(jar)).onResponseBody(new mockwebserver3.SocketEffect.CloseSocket()).build());
        server.enqueue(jarResponse(jar));
        JarDownloader downloader = fastRetrying();

        StagingOutcome outcome = downloader.stage(request("/f.jar", jar.length, sha512));

        assertThat(outcome.state()).as(outcome.reason()).isEqualTo(StagingState.STAGED);
        assertThat(Files.readAllBytes(outcome.path())).isEqualTo(jar);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aHostStillRateLimitingAfterTheBudgetIsATransientFailureNamingIt() throws Exception {
        for (int i = 0; i <= JarDownloader.MAX_RETRIES; i++) {
            server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build());
        }

        StagingOutcome outcome = fastRetrying().stage(request("/f.jar", jar.length, sha512));

        assertThat(outcome.state()).isEqualTo(StagingState.FAILED);
        assertThat(outcome.transientFailure()).isTrue();
        assertThat(outcome.reason()).contains("rate limited by host " + server.getHostName()).contains("HTTP 429")
                .contains("after " + (JarDownloader.MAX_RETRIES + 1) + " attempt(s)").contains("run the download again later")
                .doesNotContain("withdrawn").doesNotContain("refused");
        assertThat(filesUnder(staging)).isEmpty();
    }

    @Test
    void aRetryAfterBeyondTheBoundGivesUpAtOnceWithTheWaitAskedFor() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "7200").build());

        StagingOutcome outcome = fastRetrying().stage(request("/f.jar", jar.length, sha512));

        assertThat(outcome.transientFailure()).isTrue();
        assertThat(outcome.reason()).contains("HTTP 503").contains("Retry-After 7200 s").contains("after 1 attempt(s)");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aHostThatTimesOutIsATransientFailureSayingSo() throws Exception {
        for (int i = 0; i <= JarDownloader.MAX_RETRIES; i++) {
            server.enqueue(jarResponse(jar).newBuilder().headersDelay(2, java.util.concurrent.TimeUnit.SECONDS).build());
        }
        OkHttpClient impatient = new OkHttpClient.Builder().readTimeout(java.time.Duration.ofMillis(300)).build();
        JarDownloader downloader = new JarDownloader(impatient, staging, JarDownloader.DEFAULT_MAX_BYTES, "homeamp-test/1",
                new TransientRetry(JarDownloader.MAX_RETRIES, java.time.Duration.ofSeconds(5), java.time.Duration.ofMillis(20),
                        java.time.Clock.systemUTC()), java.time.Duration.ofMillis(20));

        StagingOutcome outcome = downloader.stage(request("/f.jar", jar.length, sha512));

        assertThat(outcome.transientFailure()).as(outcome.reason()).isTrue();
        assertThat(outcome.reason()).contains("did not answer in time").contains("after 3 attempt(s)");
    }

    @Test
    void aMissingFileIsARefusalNotATransientFailure() throws Exception {
        server.enqueue(new MockResponse.Builder().code(404).build());

        StagingOutcome outcome = fastRetrying().stage(request("/f.jar", jar.length, sha512));

        assertThat(outcome.transientFailure()).isFalse();
        assertThat(outcome.reason()).contains("HTTP 404").contains("withdrawn");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    private JarDownloader fastRetrying() {
        return new JarDownloader(new OkHttpClient(), staging, JarDownloader.DEFAULT_MAX_BYTES, "homeamp-test/1",
                new TransientRetry(JarDownloader.MAX_RETRIES, java.time.Duration.ofSeconds(5), java.time.Duration.ofMillis(20),
                        java.time.Clock.systemUTC()), java.time.Duration.ofMillis(20));
    }

    @Test
    void aSizeMismatchIsRefused() throws Exception {
        server.enqueue(jarResponse(jar));

        StagingOutcome outcome = downloader(JarDownloader.DEFAULT_MAX_BYTES).stage(request("/f.jar", jar.length + 1, sha512));

        assertRefused(outcome, "bytes but the source publishes " + (jar.length + 1));
    }

    @Test
    void aJarOfAnotherPluginIsRefused() throws Exception {
        byte[] other = Files.readAllBytes(TestJars.plugin(tmp.resolve("src/Vault.jar"), "Vault", "1.7.3"));
        server.enqueue(jarResponse(other));

        StagingOutcome outcome = downloader(JarDownloader.DEFAULT_MAX_BYTES).stage(request("/f.jar", -1, null));

        assertRefused(outcome, "is the plugin 'Vault', not 'LuckPerms'");
    }

    @Test
    void aFileWithANastyNameStaysInsideStaging() {
        StagingRequest request = new StagingRequest("../../etc", "../1", "../../passwd", "https://example.org/x.jar", -1, null,
                HashAlgorithm.UNVERIFIED);

        Path target = downloader(JarDownloader.DEFAULT_MAX_BYTES).target(request);

        assertThat(target.normalize()).startsWithRaw(staging);
        assertThat(staging.relativize(target).getNameCount()).isEqualTo(3);
    }

    private void assertRefused(StagingOutcome outcome, String reasonPart) throws Exception {
        assertThat(outcome.state()).isEqualTo(StagingState.FAILED);
        assertThat(outcome.path()).isNull();
        assertThat(outcome.reason()).contains(reasonPart).contains("refused");
        assertThat(filesUnder(staging)).isEmpty();
        if (Files.exists(staging)) {
            try (Stream<Path> all = Files.walk(staging)) {
                assertThat(all.filter(p -> !p.equals(staging))).isEmpty();
            }
        }
    }

    private static java.util.List<Path> filesUnder(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return java.util.List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }
}
