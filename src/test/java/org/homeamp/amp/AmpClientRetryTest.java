package org.homeamp.amp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import mockwebserver3.MockResponse;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Idempotent reads are sent again after transient failures, within the budget; writes and rejected passwords never. */
class AmpClientRetryTest {
    private static final String INSTANCE = "8d3c7a52-1f0e-4c55-9f1a-2b7d5e6c9a01";
    private static final String UNAVAILABLE = MockAmp.fault("Instance Unavailable", "The requested instance is not available at this time.");
    private static final String TARGETS = "[{\"InstanceId\":\"t1\",\"FriendlyName\":\"lab\",\"AvailableInstances\":[]}]";

    private MockAmp amp;
    private AmpClient client;

    @BeforeEach
    void start() throws Exception {
        amp = new MockAmp();
        client = amp.client();
    }

    @AfterEach
    void stop() {
        client.close();
        amp.close();
    }

    @Test
    void http500OnInstanceListIsRetriedAndTheSecondAnswerCounts() {
        amp.on(null, "ADSModule/GetInstances", c -> status(500), c -> MockAmp.ok(TARGETS));

        assertThat(client.getInstances()).hasSize(1);
        assertThat(amp.calls(null, "ADSModule/GetInstances")).hasSize(2);
    }

    @Test
    void instanceUnavailableOnListingIsRetried() {
        amp.files.put("plugins/a.jar", new byte[] {1});
        amp.on(INSTANCE, "FileManagerPlugin/GetDirectoryListing", c -> MockAmp.ok(UNAVAILABLE),
                c -> MockAmp.ok("[{\"Filename\":\"a.jar\",\"IsDirectory\":false,\"SizeBytes\":1}]"));

        assertThat(client.listDirectory(INSTANCE, "plugins")).extracting(AmpFileEntry::filename).containsExactly("a.jar");
        assertThat(amp.calls(INSTANCE, "FileManagerPlugin/GetDirectoryListing")).hasSize(2);
    }

    @Test
    void failedLoginBecauseOfA503IsRetriedButARejectedPasswordNever() throws Exception {
        amp.on(null, "Core/Login", c -> status(503), c -> MockAmp.ok(
                "{\"success\":false,\"result\":0,\"resultReason\":\"Incorrect username or password\",\"sessionID\":\"\"}"));

        assertThatThrownBy(client::getInstances).isInstanceOf(AmpException.LoginRejected.class);
        assertThatThrownBy(client::getInstances).isInstanceOf(AmpException.LoginRejected.class);
        assertThat(amp.logins()).isEqualTo(2);   // the 503, then the one rejected password
    }

    @Test
    void retryAfterOn429IsWaitedFor() {
        amp.on(null, "ADSModule/GetInstances", c -> new MockResponse.Builder().code(429).setHeader("Retry-After", "1").body("slow down").build(),
                c -> MockAmp.ok(TARGETS));
        long start = System.nanoTime();

        assertThat(client.getInstances()).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void retryAfterLongerThanThePolicyHonoursGivesUpAtOnce() {
        amp.on(null, "ADSModule/GetInstances", c -> new MockResponse.Builder().code(503).setHeader("Retry-After", "3600").body("maintenance").build());

        assertThatThrownBy(client::getInstances).isInstanceOf(AmpException.HttpStatus.class).hasMessageContaining("HTTP 503");
        assertThat(amp.calls(null, "ADSModule/GetInstances")).hasSize(1);
    }

    @Test
    void afterTheBudgetTheLastTransientFailureIsThrown() {
        amp.on(null, "ADSModule/GetInstances", c -> status(500));

        assertThatThrownBy(client::getInstances)
                .isInstanceOfSatisfying(AmpException.HttpStatus.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.isTransient()).isTrue();
                });
        assertThat(amp.calls(null, "ADSModule/GetInstances")).hasSize(MockAmp.FAST_RETRY.attempts());
    }

    @Test
    void writesRenamesAndLifecycleCallsAreSentOnce() {
        amp.on(INSTANCE, "FileManagerPlugin/WriteFileChunk", c -> status(500));
        amp.on(INSTANCE, "FileManagerPlugin/RenameFile", c -> MockAmp.ok(UNAVAILABLE));
        amp.on(INSTANCE, "Core/Restart", c -> status(502));

        assertThatThrownBy(() -> client.writeFile(INSTANCE, "a.yml", new byte[] {1})).isInstanceOf(AmpException.HttpStatus.class);
        assertThatThrownBy(() -> client.renameFile(INSTANCE, "a.yml", "b.yml")).isInstanceOf(AmpException.InstanceUnavailable.class);
        assertThatThrownBy(() -> client.restartApplication(INSTANCE)).isInstanceOf(AmpException.HttpStatus.class);
        assertThat(amp.calls(INSTANCE, "FileManagerPlugin/WriteFileChunk")).hasSize(1);
        assertThat(amp.calls(INSTANCE, "FileManagerPlugin/RenameFile")).hasSize(1);
        assertThat(amp.calls(INSTANCE, "Core/Restart")).hasSize(1);
    }

    @Test
    void fileChunkAfterTheFirstIsRetriedToo() {
        byte[] content = new byte[3 * 1024];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        amp.files.put("big.bin", content);
        try (AmpClient small = new AmpClient(amp.connection(MockAmp.PASSWORD, Duration.ofSeconds(5)), new OkHttpClient(), false, 1024,
                MockAmp.FAST_RETRY)) {
            amp.failNext(INSTANCE, "FileManagerPlugin/ReadFileChunk", 2, status(500));

            assertThat(small.readFile(INSTANCE, "big.bin")).isEqualTo(content);
        }
    }

    @Test
    void policyDoublesTheWaitUpToItsCapAndRefusesLongRetryAfter() {
        RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(10));

        assertThat(policy.delayBefore(1, null)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delayBefore(2, null)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delayBefore(4, null)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delayBefore(1, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delayBefore(1, Duration.ofSeconds(11))).isNull();
        assertThat(AmpTransport.parseRetryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(AmpTransport.parseRetryAfter("soon")).isNull();
    }

    private static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).body("<html>" + code + "</html>").build();
    }
}
