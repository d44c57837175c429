package org.homeamp.amp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.homeamp.config.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AMP's HTTP-200 error envelopes and transport failures become typed, secret-free exceptions. */
class AmpClientErrorTest {
    private static final String INSTANCE = "8d3c7a52-1f0e-4c55-9f1a-2b7d5e6c9a01";

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
    void faultEnvelopeIsFaultWithTitle() {
        amp.onJson(null, "ADSModule/GetInstances", "{\"Title\":\"Key Not Found\",\"Message\":\"The given key was not present in the dictionary.\","
                + "\"StackTrace\":\"\\r\\n   at ThrowHelper.ThrowKeyNotFoundException()\"}");

        assertThatThrownBy(client::getInstances)
                .isInstanceOfSatisfying(AmpException.Fault.class, f -> assertThat(f.title()).isEqualTo("Key Not Found"))
                .isNotInstanceOf(AmpException.InstanceUnavailable.class)
                .hasMessageContaining("ADSModule/GetInstances")
                .hasMessageContaining("'lab'")
                .hasMessageContaining("The given key was not present");
        assertSecretFree();
    }

    @Test
    void instanceUnavailableOnTheProxiedLoginIsInstanceUnavailable() {
        amp.onJson(INSTANCE, "Core/Login", "{\"Title\":\"Instance Unavailable\",\"Message\":\"The requested instance is not available at this time.\",\"StackTrace\":null}");

        assertThatThrownBy(() -> client.getStatus(INSTANCE))
                .isInstanceOf(AmpException.InstanceUnavailable.class)
                .hasMessageContaining(INSTANCE)
                .hasMessageContaining("not available");
    }

    @Test
    void instanceUnavailableOnACallIsInstanceUnavailable() {
        amp.onJson(INSTANCE, "Core/GetStatus", "{\"Title\":\"Instance Unavailable\",\"Message\":\"The requested instance is not available at this time.\",\"StackTrace\":null}");

        assertThatThrownBy(() -> client.getStatus(INSTANCE)).isInstanceOf(AmpException.InstanceUnavailable.class);
        assertSecretFree();
    }

    @Test
    void actionResultWithStatusFalseIsActionFailedWithReason() {
        amp.onJson(INSTANCE, "Core/Start", "{\"Status\":false,\"Reason\":\"The application is already running\"}");

        assertThatThrownBy(() -> client.startApplication(INSTANCE))
                .isInstanceOf(AmpException.ActionFailed.class)
                .hasMessageContaining("Core/Start")
                .hasMessageContaining("The application is already running");
    }

    @Test
    void successFalseOutsideLoginIsActionFailed() {
        amp.onJson(INSTANCE, "Core/Restart", "{\"success\":false,\"resultReason\":\"Restart is not possible right now\"}");

        assertThatThrownBy(() -> client.restartApplication(INSTANCE))
                .isInstanceOf(AmpException.ActionFailed.class)
                .hasMessageContaining("Restart is not possible right now");
    }

    @Test
    void missingPermissionIsAFaultNotARelogin() {
        amp.onJson(null, "ADSModule/GetInstances", MockAmp.fault("Unauthorized Access",
                "You do not have permission to use this method (ADSModule.GetInstances) at this time. This method requires the ADS.InstanceManagement permission."));

        assertThatThrownBy(client::getInstances).isInstanceOf(AmpException.Fault.class).hasMessageContaining("permission");
        assertThat(amp.logins()).isEqualTo(1);
    }

    @Test
    void htmlErrorPageFromAReverseProxyIsUnreachableNamingTheStatus() {
        amp.on(null, "ADSModule/GetInstances", c -> new MockResponse.Builder().code(502)
                .setHeader("Content-Type", "text/html").body("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>").build());

        assertThatThrownBy(client::getInstances)
                .isInstanceOf(AmpException.Unreachable.class)
                .hasMessageContaining("HTTP 502")
                .hasMessageContaining("502 Bad Gateway")
                .hasMessageContaining("reverse proxy")
                .hasMessageContaining("homeamp.yml");
        assertSecretFree();
    }

    @Test
    void htmlPageWithStatus200IsUnreachableNotAParseCrash() {
        amp.on(null, "Core/Login", c -> new MockResponse.Builder().code(200)
                .setHeader("Content-Type", "text/html").body("<!DOCTYPE html><html><body>Sign in</body></html>").build());

        assertThatThrownBy(client::login)
                .isInstanceOf(AmpException.Unreachable.class)
                .hasMessageContaining("not JSON")
                .hasMessageContaining("Core/Login");
    }

    @Test
    void serverThatNeverAnswersIsUnreachableAfterTheCallTimeout() {
        amp.on(null, "Core/Login", c -> new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        try (AmpClient impatient = new AmpClient(amp.connection(MockAmp.PASSWORD, Duration.ofMillis(300)), new OkHttpClient(), RetryPolicy.NONE)) {
            long start = System.nanoTime();

            assertThatThrownBy(impatient::login)
                    .isInstanceOf(AmpException.Unreachable.class)
                    .hasMessageContaining("no answer")
                    .hasMessageContaining("Core/Login")
                    .hasMessageNotContaining(MockAmp.PASSWORD);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void refusedConnectionIsUnreachable() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        AmpConnection nowhere = new AmpConnection("lab", URI.create("http://127.0.0.1:" + freePort), MockAmp.USER,
                new Secret(MockAmp.PASSWORD), "HomeAMP-Test/1.0", Duration.ofSeconds(2), Duration.ofMillis(20));
        try (AmpClient unreachable = new AmpClient(nowhere, new OkHttpClient(), MockAmp.FAST_RETRY)) {
            assertThatThrownBy(unreachable::login)
                    .isInstanceOf(AmpException.Unreachable.class)
                    .hasMessageContaining("127.0.0.1:" + freePort)
                    .hasMessageNotContaining(MockAmp.PASSWORD);
        }
    }

    /** Runs a mix of failing calls and checks that no message shows the password or a session id. */
    private void assertSecretFree() {
        for (Runnable failing : new Runnable[] {client::getInstances, () -> client.getStatus(INSTANCE), () -> client.startApplication(INSTANCE)}) {
            try {
                failing.run();
            } catch (AmpException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    assertThat(String.valueOf(t.getMessage())).doesNotContain(MockAmp.PASSWORD).doesNotContain(MockAmp.SESSION_PREFIX);
                }
            }
        }
    }
}
