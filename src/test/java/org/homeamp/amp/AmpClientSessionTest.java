package org.homeamp.amp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Login, session passing, re-login on expiry and the never-retry rule for rejected passwords. */
class AmpClientSessionTest {
    private static final String INSTANCE = "8d3c7a52-1f0e-4c55-9f1a-2b7d5e6c9a01";

    private MockAmp amp;

    @BeforeEach
    void start() throws Exception {
        amp = new MockAmp();
    }

    @AfterEach
    void stop() {
        amp.close();
    }

    @Test
    void loginSendsCredentialsAndLaterCallsCarryTheSessionInBodyAndBearerHeader() {
        try (AmpClient client = amp.client()) {
            client.login();
            client.getInstances();
        }

        MockAmp.Call login = amp.calls().get(0);
        assertThat(login.method()).isEqualTo("Core/Login");
        assertThat(login.instanceId()).isNull();
        assertThat(login.text("username")).isEqualTo(MockAmp.USER);
        assertThat(login.text("password")).isEqualTo(MockAmp.PASSWORD);
        assertThat(login.text("token")).isEmpty();
        assertThat(login.body().get("rememberMe").isBoolean()).isTrue();
        assertThat(login.body().get("rememberMe").asBoolean()).isFalse();
        assertThat(login.headers().get("Authorization")).isNull();

        MockAmp.Call next = amp.calls().get(1);
        String session = MockAmp.SESSION_PREFIX + "000000000001";
        assertThat(next.method()).isEqualTo("ADSModule/GetInstances");
        assertThat(next.text("SESSIONID")).isEqualTo(session);
        assertThat(next.headers().get("Authorization")).isEqualTo("Bearer " + session);
        assertThat(next.body().get("ForceIncludeSelf").asBoolean()).isTrue();
        for (MockAmp.Call call : amp.calls()) {
            assertThat(call.headers().get("User-Agent")).isEqualTo("HomeAMP-Test/1.0");
            assertThat(call.headers().get("Accept")).contains("application/json").contains("text/javascript");
            assertThat(call.headers().get("Content-Type")).startsWith("application/json");
        }
    }

    @Test
    void proxiedCallsUseTheirOwnInstanceSessionAndReuseIt() {
        try (AmpClient client = amp.client()) {
            client.getStatus(INSTANCE);
            client.getStatus(INSTANCE);
        }

        assertThat(amp.calls()).extracting(MockAmp.Call::instanceId, MockAmp.Call::method).containsExactly(
                tuple(null, "Core/Login"),
                tuple(INSTANCE, "Core/Login"),
                tuple(INSTANCE, "Core/GetStatus"),
                tuple(INSTANCE, "Core/GetStatus"));
        String instanceSession = MockAmp.SESSION_PREFIX + "000000000002";
        assertThat(amp.calls(INSTANCE, "Core/GetStatus")).allSatisfy(c -> {
            assertThat(c.text("SESSIONID")).isEqualTo(instanceSession);
            assertThat(c.headers().get("Authorization")).isEqualTo("Bearer " + instanceSession);
        });
    }

    @Test
    void wrongPasswordIsSentOnceAndNeverAgain() {
        try (AmpClient client = amp.client("wrong-password")) {
            assertThatThrownBy(client::getInstances)
                    .isInstanceOf(AmpException.LoginRejected.class)
                    .hasMessageContaining("Incorrect username or password.")
                    .hasMessageContaining("'lab'")
                    .hasMessageContaining("homeamp.yml")
                    .hasMessageNotContaining("wrong-password");
            assertThatThrownBy(() -> client.getStatus(INSTANCE)).isInstanceOf(AmpException.LoginRejected.class);
            assertThatThrownBy(client::login).isInstanceOf(AmpException.LoginRejected.class);
        }

        assertThat(amp.calls()).hasSize(1);
        assertThat(amp.logins()).isEqualTo(1);
    }

    @Test
    void concurrentProxiedCallsWithAWrongPasswordStillSendItOnlyOnce() throws Exception {
        try (AmpClient client = amp.client("wrong-password")) {
            List<Object> results = runConcurrently(8, () -> client.getStatus(INSTANCE));
            assertThat(results).allMatch(r -> r instanceof AmpException.LoginRejected);
        }

        assertThat(amp.logins()).isEqualTo(1);
    }

    @Test
    void concurrentCallsForOneInstanceShareOneLogin() throws Exception {
        try (AmpClient client = amp.client()) {
            List<Object> results = runConcurrently(8, () -> client.getStatus(INSTANCE));
            assertThat(results).allMatch(r -> r instanceof AmpStatus s && s.state() == AmpState.READY);
        }

        assertThat(amp.calls(INSTANCE, "Core/Login")).hasSize(1);
        assertThat(amp.calls(null, "Core/Login")).hasSize(1);
    }

    @Test
    void expiredSessionLogsInAgainOnceAndRepeatsTheCall() {
        try (AmpClient client = amp.client()) {
            client.getStatus(INSTANCE);
            amp.expireSessions();

            AmpStatus status = client.getStatus(INSTANCE);

            assertThat(status.state()).isEqualTo(AmpState.READY);
        }
        assertThat(amp.calls(INSTANCE, "Core/Login")).hasSize(2);
        assertThat(amp.calls(INSTANCE, "Core/GetStatus")).hasSize(3);
        assertThat(amp.calls(INSTANCE, "Core/GetStatus").get(2).text("SESSIONID")).isEqualTo(MockAmp.SESSION_PREFIX + "000000000003");
    }

    @Test
    void secondExpiryInARowIsSessionExpired() {
        amp.onJson(INSTANCE, "Core/GetStatus", MockAmp.SESSION_EXPIRED);
        try (AmpClient client = amp.client()) {
            assertThatThrownBy(() -> client.getStatus(INSTANCE))
                    .isInstanceOf(AmpException.SessionExpired.class)
                    .hasMessageContaining("Core/GetStatus")
                    .hasMessageContaining(INSTANCE)
                    .hasMessageContaining(amp.url().getPort() + "")
                    .hasMessageNotContaining(MockAmp.SESSION_PREFIX)
                    .hasMessageNotContaining(MockAmp.PASSWORD);
        }
        assertThat(amp.calls(INSTANCE, "Core/Login")).hasSize(2);
        assertThat(amp.calls(INSTANCE, "Core/GetStatus")).hasSize(2);
    }

    @Test
    void instanceWithoutAccessIsRejectedAloneWhileOtherInstancesStillWork() {
        String other = "11111111-2222-3333-4444-555555555555";
        amp.onJson(INSTANCE, "Core/Login", "{\"success\":false,\"result\":5,\"resultReason\":\"No access to this instance\"}");
        try (AmpClient client = amp.client()) {
            assertThatThrownBy(() -> client.getStatus(INSTANCE)).isInstanceOf(AmpException.LoginRejected.class)
                    .hasMessageContaining("No access to this instance");
            assertThatThrownBy(() -> client.getStatus(INSTANCE)).isInstanceOf(AmpException.LoginRejected.class);

            assertThat(client.getStatus(other).state()).isEqualTo(AmpState.READY);
        }
        assertThat(amp.calls(INSTANCE, "Core/Login")).hasSize(1);
    }

    private static List<Object> runConcurrently(int threads, Callable<Object> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    try {
                        return task.call();
                    } catch (AmpException e) {
                        return e;
                    }
                }));
            }
            List<Object> results = new ArrayList<>();
            for (Future<Object> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
