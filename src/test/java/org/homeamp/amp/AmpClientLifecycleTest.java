package org.homeamp.amp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Start/stop/restart and waiting for a state with Core/GetStatus. */
class AmpClientLifecycleTest {
    private static final String INSTANCE = "8d3c7a52-1f0e-4c55-9f1a-2b7d5e6c9a01";
    private static final String UNAVAILABLE = MockAmp.fault("Instance Unavailable", "The requested instance is not available at this time.");

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

    private static String status(AmpState state, String uptime) {
        return "{\"State\":" + state.code() + ",\"Uptime\":\"" + uptime + "\",\"Metrics\":{\"TPS\":{\"RawValue\":20}}}";
    }

    @Test
    void getStatusReadsStateAndUptime() {
        amp.onJson(INSTANCE, "Core/GetStatus", status(AmpState.READY, "0:10:29:25"));

        assertThat(client.getStatus(INSTANCE)).isEqualTo(new AmpStatus(AmpState.READY, "0:10:29:25"));
    }

    @Test
    void awaitStateReturnsOnceReadyAfterStartingPolls() {
        amp.onJson(INSTANCE, "Core/GetStatus", status(AmpState.STARTING, "00:00:01"), status(AmpState.STARTING, "00:00:03"),
                status(AmpState.READY, "00:00:05"));

        AmpState reached = client.awaitState(INSTANCE, AmpState.READY, Duration.ofSeconds(5));

        assertThat(reached).isEqualTo(AmpState.READY);
        assertThat(amp.calls(INSTANCE, "Core/GetStatus")).hasSize(3);
    }

    @Test
    void instanceUnavailableWhileRestartingCountsAsNotYet() {
        amp.onJson(INSTANCE, "Core/GetStatus", UNAVAILABLE, UNAVAILABLE, status(AmpState.READY, "00:00:02"));

        assertThat(client.awaitState(INSTANCE, AmpState.READY, Duration.ofSeconds(5))).isEqualTo(AmpState.READY);
    }

    @Test
    void neverReadyIsDeadlineExceededNamingInstanceStateAndWait() {
        amp.onJson(INSTANCE, "Core/GetStatus", status(AmpState.STARTING, "00:00:01"));

        assertThatThrownBy(() -> client.awaitState(INSTANCE, AmpState.READY, Duration.ofMillis(300)))
                .isInstanceOfSatisfying(AmpException.DeadlineExceeded.class, e -> assertThat(e.lastState()).isEqualTo(AmpState.STARTING))
                .hasMessageContaining(INSTANCE)
                .hasMessageContaining("READY")
                .hasMessageContaining("last state: STARTING")
                .hasMessageContaining("waited 0 s")
                .hasMessageContaining("'lab'");
        assertThat(amp.calls(INSTANCE, "Core/GetStatus").size()).isGreaterThan(2);
    }

    @Test
    void failedStateStopsTheWaitAtOnce() {
        amp.onJson(INSTANCE, "Core/GetStatus", status(AmpState.STARTING, "00:00:01"), status(AmpState.FAILED, "00:00:00"));

        assertThatThrownBy(() -> client.awaitState(INSTANCE, AmpState.READY, Duration.ofSeconds(30)))
                .isInstanceOf(AmpException.ActionFailed.class)
                .hasMessageContaining("FAILED")
                .hasMessageContaining(INSTANCE);
        assertThat(amp.calls(INSTANCE, "Core/GetStatus")).hasSize(2);
    }

    @Test
    void stopAcceptsAmpsEmptyAnswer() {
        client.stopApplication(INSTANCE);

        assertThat(amp.calls(INSTANCE, "Core/Stop")).singleElement()
                .satisfies(c -> assertThat(c.text("SESSIONID")).startsWith(MockAmp.SESSION_PREFIX));
    }

    @Test
    void startAndStopThenAwaitStopped() {
        amp.onJson(INSTANCE, "Core/GetStatus", status(AmpState.STOPPING, "00:10:00"), status(AmpState.STOPPED, "00:00:00"));

        client.startApplication(INSTANCE);
        client.stopApplication(INSTANCE);

        assertThat(client.awaitState(INSTANCE, AmpState.STOPPED, Duration.ofSeconds(5))).isEqualTo(AmpState.STOPPED);
    }

    @Test
    void restartAndAwaitReadyWaitsUntilTheRestartIsVisible() {
        // The first READY after Restart is the old process (AMP has not begun yet); uptime tells them apart.
        amp.onJson(INSTANCE, "Core/GetStatus", status(AmpState.READY, "2:03:04:05"), status(AmpState.READY, "2:03:04:06"),
                status(AmpState.STOPPING, "2:03:04:07"), status(AmpState.STARTING, "00:00:01"), status(AmpState.READY, "00:00:09"));

        client.restartAndAwaitReady(INSTANCE, Duration.ofSeconds(5));

        assertThat(amp.calls(INSTANCE, "Core/Restart")).hasSize(1);
        assertThat(amp.calls(INSTANCE, "Core/GetStatus")).hasSize(5);
    }

    @Test
    void restartNoticedOnlyByALowerUptimeStillCounts() {
        amp.onJson(INSTANCE, "Core/GetStatus", status(AmpState.READY, "1.00:00:00"), status(AmpState.READY, "00:00:04"));

        client.restartAndAwaitReady(INSTANCE, Duration.ofSeconds(5));

        assertThat(amp.calls(INSTANCE, "Core/GetStatus")).hasSize(2);
    }

    @Test
    void restartThatNeverGetsReadyIsDeadlineExceeded() {
        amp.onJson(INSTANCE, "Core/GetStatus", status(AmpState.READY, "00:30:00"), status(AmpState.RESTARTING, "00:00:00"));

        assertThatThrownBy(() -> client.restartAndAwaitReady(INSTANCE, Duration.ofMillis(250)))
                .isInstanceOfSatisfying(AmpException.DeadlineExceeded.class, e -> assertThat(e.lastState()).isEqualTo(AmpState.RESTARTING));
    }

    @Test
    void sessionThatDiesWithTheRestartIsRenewed() {
        amp.on(INSTANCE, "Core/GetStatus",
                c -> MockAmp.ok(status(AmpState.STARTING, "00:00:01")),
                c -> {
                    amp.expireSessions();
                    return MockAmp.ok(MockAmp.SESSION_EXPIRED);
                },
                c -> MockAmp.ok(status(AmpState.READY, "00:00:05")));

        assertThat(client.awaitState(INSTANCE, AmpState.READY, Duration.ofSeconds(5))).isEqualTo(AmpState.READY);
        assertThat(amp.calls(INSTANCE, "Core/Login")).hasSize(2);
    }

    @Test
    void uptimeFormatsAreRead() {
        assertThat(AmpReplies.parseUptime("10:29:25")).isEqualTo(Duration.parse("PT10H29M25S"));
        assertThat(AmpReplies.parseUptime("1:10:29:25")).isEqualTo(Duration.parse("P1DT10H29M25S"));
        assertThat(AmpReplies.parseUptime("1.10:29:25.1234567")).isEqualTo(Duration.parse("P1DT10H29M25S"));
        assertThat(AmpReplies.parseUptime("soon")).isNull();
        assertThat(AmpReplies.parseUptime(null)).isNull();
    }
}
