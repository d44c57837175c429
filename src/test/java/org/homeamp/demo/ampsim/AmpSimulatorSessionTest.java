package org.homeamp.demo.ampsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.homeamp.testing.FakeAmp;
import org.homeamp.testing.SimHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class AmpSimulatorSessionTest {

    @RegisterExtension
    final FakeAmp fake = FakeAmp.hetzner(1, 200);

    private AmpSimulator sim;
    private AmpCalls amp;

    @BeforeEach
    void start() throws Exception {
        sim = fake.simulator();
        amp = new AmpCalls(sim.baseUrl());
    }


    @Test
    void loginWithTheRightPasswordReturnsASession() throws Exception {
        JsonNode reply = amp.login("", SimHosts.PASSWORD);

        assertThat(reply.path("success").asBoolean()).isTrue();
        assertThat(reply.path("result").asInt()).isEqualTo(10);
        assertThat(reply.path("sessionID").asString()).matches("[0-9a-f-]{36}").isNotEqualTo(Envelopes.NIL_GUID);
        assertThat(reply.path("userInfo").path("Username").asString()).isEqualTo(SimHosts.USER);
        assertThat(reply.path("permissions").isArray()).isTrue();
        assertThat(sim.baseUrl().toString()).startsWith("http://127.0.0.1:");
    }

    @Test
    void rejectedLoginAnswersHttp200FailureAndIsCounted() throws Exception {
        JsonNode reply = amp.login("", "wrong");

        assertThat(reply.path("success").asBoolean()).isFalse();
        assertThat(reply.path("result").asInt()).isZero();
        assertThat(reply.path("resultReason").asString()).isEqualTo("Incorrect username or password");
        assertThat(reply.path("sessionID").asString()).isEqualTo(Envelopes.NIL_GUID);
        assertThat(sim.control().failedLoginCount()).isEqualTo(1);
    }

    @Test
    void sessionIsAcceptedFromBearerHeaderOrBodyAlone() throws Exception {
        String session = amp.session("");

        JsonNode viaHeader = amp.post("ADSModule/GetInstances", Map.of("ForceIncludeSelf", true), session);
        JsonNode viaBody = amp.post("ADSModule/GetInstances", Map.of("ForceIncludeSelf", true, "SESSIONID", session),
                null);

        assertThat(viaHeader.isArray()).isTrue();
        assertThat(viaBody.isArray()).isTrue();
    }

    @Test
    void missingOrExpiredSessionGetsTheUnauthorizedEnvelope() throws Exception {
        JsonNode none = amp.post("ADSModule/GetInstances", Map.of(), null);
        String session = amp.session("");
        sim.control().expireAllSessions();
        JsonNode expired = amp.call("ADSModule/GetInstances", session, Map.of());

        for (JsonNode reply : new JsonNode[] {none, expired}) {
            assertThat(reply.path("Title").asString()).isEqualTo("Unauthorized Access");
            assertThat(reply.path("Message").asString()).isEqualTo("You do not have permission to use this method"
                    + " (GSMyAdmin.WebServer.GetInstances) at this time. This method requires the Session.Exists"
                    + " permission.");
            assertThat(reply.path("StackTrace").asString()).isEmpty();
        }
    }

    @Test
    void sessionExpiresAfterIdleTimeout() throws Exception {
        String session = amp.session("");
        assertThat(amp.call("ADSModule/GetInstances", session, Map.of()).isArray()).isTrue();

        Thread.sleep(1_300);

        assertThat(amp.call("ADSModule/GetInstances", session, Map.of()).path("Title").asString())
                .isEqualTo("Unauthorized Access");
    }

    @Test
    void controllerSessionIsRefusedOnProxiedCallsWhilePerInstanceLoginWorks() throws Exception {
        String controller = amp.session("");
        String lobby = AmpCalls.proxied(SimHosts.LOBBY_ID);

        JsonNode refused = amp.call(lobby + "Core/GetStatus", controller, Map.of());
        String instanceSession = amp.session(lobby);
        JsonNode status = amp.call(lobby + "Core/GetStatus", instanceSession, Map.of());
        JsonNode instanceSessionOnController = amp.call("ADSModule/GetInstances", instanceSession, Map.of());

        assertThat(refused.path("Message").asString()).contains("GSMyAdmin.WebServer.GetStatus");
        assertThat(status.path("State").asInt()).isEqualTo(20);
        assertThat(status.path("Uptime").asString()).matches("\\d+:\\d\\d:\\d\\d:\\d\\d");
        assertThat(status.path("Metrics").path("TPS").path("RawValue").asInt()).isEqualTo(20);
        assertThat(status.path("Metrics").path("CPU Usage").has("ShortName")).isTrue();
        assertThat(instanceSessionOnController.path("Title").asString()).isEqualTo("Unauthorized Access");
    }

    @Test
    void stoppedInstanceAnswersInstanceUnavailableEvenToLogin() throws Exception {
        JsonNode reply = amp.login(AmpCalls.proxied(SimHosts.SURVIVAL_ID), SimHosts.PASSWORD);

        assertThat(reply.path("Title").asString()).isEqualTo("Instance Unavailable");
        assertThat(reply.path("Message").asString()).isEqualTo("The requested instance is not available at this time.");
        assertThat(reply.get("StackTrace").isNull()).isTrue();
    }

    @Test
    void setInstanceRunningFalseMakesAnInstanceUnavailable() throws Exception {
        String lobby = AmpCalls.proxied(SimHosts.LOBBY_ID);
        String session = amp.session(lobby);

        sim.control().setInstanceRunning("Lobby01", false);

        assertThat(amp.call(lobby + "Core/GetStatus", session, Map.of()).path("Title").asString())
                .isEqualTo("Instance Unavailable");
        assertThat(sim.control().instanceRunning("Lobby01")).isFalse();
    }

    @Test
    void failNextCallAnswersTheGivenBodyOnceAndCallsAreCounted() throws Exception {
        String lobby = AmpCalls.proxied(SimHosts.LOBBY_ID);
        String session = amp.session(lobby);
        sim.control().failNextCall("Core/GetStatus", "{\"Title\":\"Boom\",\"Message\":\"injected\",\"StackTrace\":\"\"}");

        JsonNode first = amp.call(lobby + "Core/GetStatus", session, Map.of());
        JsonNode second = amp.call(lobby + "Core/GetStatus", session, Map.of());

        assertThat(first.path("Title").asString()).isEqualTo("Boom");
        assertThat(second.path("State").asInt()).isEqualTo(20);
        assertThat(sim.control().callCount("Core/GetStatus")).isEqualTo(2);
        assertThat(sim.control().callCount("Core/Login")).isEqualTo(1);
    }

    @Test
    void malformedJsonIsABadRequestFaultAndGetIsRefusedWith405() throws Exception {
        HttpResponse<String> bad = amp.raw("Core/Login", "{not json", null);
        HttpResponse<String> get = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(sim.baseUrl().resolve("/API/Core/Login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(AmpCalls.JSON.readTree(bad.body()).path("Title").asString()).isEqualTo("Bad Request");
        assertThat(get.statusCode()).isEqualTo(405);
    }

    @Test
    void unknownMethodIsAFault() throws Exception {
        String session = amp.session("");

        assertThat(amp.call("Core/NoSuchThing", session, Map.of()).path("Title").asString())
                .isEqualTo("Unknown method");
    }

    @Test
    void latencyDelaysAnswers() throws Exception {
        sim.control().setLatencyMillis(300);
        long start = System.nanoTime();

        amp.login("", SimHosts.PASSWORD);

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    @Test
    void parallelLoginsAndCallsAllSucceed() throws Exception {
        String lobby = AmpCalls.proxied(SimHosts.LOBBY_ID);
        List<Callable<Boolean>> work = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            work.add(() -> {
                String controller = amp.session("");
                String instance = amp.session(lobby);
                return amp.call("ADSModule/GetInstances", controller, Map.of()).isArray()
                        && amp.call(lobby + "Core/GetStatus", instance, Map.of()).path("State").asInt() == 20;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            for (Future<Boolean> result : pool.invokeAll(work)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sim.control().callCount("Core/Login")).isEqualTo(48);
    }

    @Test
    void busyPortThrowsBindException() {
        int busy = sim.baseUrl().getPort();

        assertThatThrownBy(() -> AmpSimulator.start(fake.hostDir(), busy)).isInstanceOf(BindException.class);
    }
}
