package org.homeamp.demo.ampsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.homeamp.amp.AmpState;
import org.junit.jupiter.api.BeforeEach;
import org.homeamp.testing.FakeAmp;
import org.homeamp.testing.SimHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** The simulator's fault modes: random errors, throttling, expiring sessions, a host that goes down, slow answers, failing starts. */
class AmpSimulatorFaultsTest {
    private static final long RESTART_MILLIS = 200;
    private static final String STATUS = AmpCalls.proxied(SimHosts.LOBBY_ID) + "Core/GetStatus";

    @RegisterExtension
    final FakeAmp fake = FakeAmp.hetzner(300, RESTART_MILLIS);

    private AmpSimulator sim;
    private AmpCalls amp;

    @BeforeEach
    void start() throws Exception {
        sim = fake.simulator();
        amp = new AmpCalls(sim.baseUrl());
    }


    @Test
    void errorRateAnswersHttp500OrInstanceUnavailableAtAboutThatRate() throws Exception {
        String session = amp.session(AmpCalls.proxied(SimHosts.LOBBY_ID));
        sim.control().setErrorRate(0.2);

        List<String> outcomes = statusOutcomes(session, 300);

        long http500 = outcomes.stream().filter("500"::equals).count();
        long unavailable = outcomes.stream().filter("unavailable"::equals).count();
        assertThat(http500).isBetween(15L, 50L);
        assertThat(unavailable).isBetween(15L, 50L);
        assertThat(outcomes.stream().filter("ok"::equals).count()).isEqualTo(300 - http500 - unavailable);
    }

    @Test
    void sameSeedGivesTheSameFaultsOnANewSimulator() throws Exception {
        String session = amp.session(AmpCalls.proxied(SimHosts.LOBBY_ID));
        sim.control().setErrorRate(0.3);
        List<String> first = statusOutcomes(session, 40);
        sim = fake.restart();
        amp = new AmpCalls(sim.baseUrl());
        String again = amp.session(AmpCalls.proxied(SimHosts.LOBBY_ID));
        sim.control().setErrorRate(0.3);

        List<String> second = statusOutcomes(again, 40);

        assertThat(second).isEqualTo(first).contains("ok").containsAnyOf("500", "unavailable");
    }

    @Test
    void errorRateFromHostJson() throws Exception {
        Path host = fake.hostDir().resolve("host.json");
        Files.writeString(host, Files.readString(host).replace("\"remoteTargets\"",
                "\"faults\":{\"seed\":7,\"errorRate\":1.0},\"remoteTargets\""));
        sim = fake.restart();
        amp = new AmpCalls(sim.baseUrl());

        HttpResponse<String> login = amp.raw("Core/Login", "{}", null);

        assertThat(login.statusCode() == 500 || login.body().contains("Instance Unavailable")).as(login.body()).isTrue();
    }

    @Test
    void throttlingAnswers429WithRetryAfter() throws Exception {
        sim.control().setFaults(0, 1.0, 3);

        HttpResponse<String> reply = amp.raw("Core/Login", "{}", null);

        assertThat(reply.statusCode()).isEqualTo(429);
        assertThat(reply.headers().firstValue("Retry-After")).hasValue("3");
    }

    @Test
    void sessionsExpireAfterTheConfiguredNumberOfCalls() throws Exception {
        String session = amp.session(AmpCalls.proxied(SimHosts.LOBBY_ID));
        sim.control().setSessionMaxCalls(2);

        JsonNode first = amp.call(STATUS, session, Map.of());
        JsonNode second = amp.call(STATUS, session, Map.of());
        JsonNode third = amp.call(STATUS, session, Map.of());

        assertThat(first.has("State")).isTrue();
        assertThat(second.has("State")).isTrue();
        assertThat(third.path("Title").asString()).isEqualTo("Unauthorized Access");
        assertThat(third.path("Message").asString()).contains("Session.Exists");
    }

    @Test
    void sessionsExpireOnDemand() throws Exception {
        String session = amp.session("");
        sim.control().expireAllSessions();

        JsonNode reply = amp.call("ADSModule/GetInstances", session, Map.of());

        assertThat(reply.path("Title").asString()).isEqualTo("Unauthorized Access");
    }

    @Test
    void hostDownRefusesConnectionsAndComesBackOnTheSamePort() throws Exception {
        sim.control().hostDown();

        assertThatThrownBy(() -> new Socket(sim.baseUrl().getHost(), sim.baseUrl().getPort()).close()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> amp.login("", SimHosts.PASSWORD)).isInstanceOf(ConnectException.class);
        assertThat(sim.control().isHostUp()).isFalse();

        sim.control().hostUp();

        assertThat(amp.login("", SimHosts.PASSWORD).path("success").asBoolean()).isTrue();
    }

    @Test
    void slowAnswersTakeAtLeastTheLatency() throws Exception {
        sim.control().setLatencyMillis(300);
        long start = System.nanoTime();

        amp.login("", SimHosts.PASSWORD);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void failingStartEndsInStateFailed() throws Exception {
        String session = amp.session(AmpCalls.proxied(SimHosts.LOBBY_ID));
        sim.control().failNextStart("Lobby01", SimulatorControl.StartFailure.STATE_FAILED);

        amp.call(AmpCalls.proxied(SimHosts.LOBBY_ID) + "Core/Restart", session, Map.of());
        String fresh = amp.session(AmpCalls.proxied(SimHosts.LOBBY_ID));

        await().atMost(Duration.ofSeconds(20)).until(() -> amp.call(STATUS, fresh, Map.of()).path("State").asInt() == AmpState.FAILED.code());
    }

    @Test
    void failedToBindShowsInTheConsoleAndEndsFailed() throws Exception {
        String session = amp.session(AmpCalls.proxied(SimHosts.LOBBY_ID));
        sim.control().failNextStart("Lobby01", SimulatorControl.StartFailure.FAILED_TO_BIND);
        amp.call(AmpCalls.proxied(SimHosts.LOBBY_ID) + "Core/Restart", session, Map.of());
        String fresh = amp.session(AmpCalls.proxied(SimHosts.LOBBY_ID));
        StringBuilder console = new StringBuilder();

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode updates = amp.call(AmpCalls.proxied(SimHosts.LOBBY_ID) + "Core/GetUpdates", fresh, Map.of());
            updates.path("ConsoleEntries").forEach(e -> console.append(e.path("Contents").asString()).append('\n'));
            return updates.path("Status").path("State").asInt() == AmpState.FAILED.code();
        });
        assertThat(console.toString()).contains("**** FAILED TO BIND TO PORT!");
        // one-shot: the next restart is healthy
        amp.call(AmpCalls.proxied(SimHosts.LOBBY_ID) + "Core/Restart", fresh, Map.of());
        String third = amp.session(AmpCalls.proxied(SimHosts.LOBBY_ID));
        await().atMost(Duration.ofSeconds(20)).until(() -> amp.call(STATUS, third, Map.of()).path("State").asInt() == AmpState.READY.code());
    }

    /** "ok", "500" or "unavailable" per call. */
    private List<String> statusOutcomes(String session, int calls) throws Exception {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            HttpResponse<String> r = amp.raw(STATUS, "{\"SESSIONID\":\"" + session + "\"}", session);
            out.add(r.statusCode() == 500 ? "500" : r.body().contains("Instance Unavailable") ? "unavailable" : "ok");
        }
        return out;
    }
}
