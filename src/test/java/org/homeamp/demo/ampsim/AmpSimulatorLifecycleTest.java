package org.homeamp.demo.ampsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

class AmpSimulatorLifecycleTest {

    private static final long RESTART_MILLIS = 400;

    @RegisterExtension
    final FakeAmp fake = FakeAmp.hetzner(300, RESTART_MILLIS);

    private AmpSimulator sim;
    private AmpCalls amp;
    private final String lobby = AmpCalls.proxied(SimHosts.LOBBY_ID);

    @BeforeEach
    void start() throws Exception {
        sim = fake.simulator();
        amp = new AmpCalls(sim.baseUrl());
    }


    @Test
    void restartGoesRestartingThenReadyAndDropsTheInstanceSessions() throws Exception {
        String session = amp.session(lobby);

        JsonNode accepted = amp.call(lobby + "Core/Restart", session, Map.of());
        JsonNode oldSession = amp.call(lobby + "Core/GetStatus", session, Map.of());
        String fresh = amp.session(lobby);
        int during = amp.call(lobby + "Core/GetStatus", fresh, Map.of()).path("State").asInt();
        awaitState(AmpState.READY);
        JsonNode after = amp.call(lobby + "Core/GetStatus", fresh, Map.of());

        assertThat(accepted.path("Status").asBoolean()).isTrue();
        assertThat(oldSession.path("Title").asString()).isEqualTo("Unauthorized Access");
        assertThat(during).isEqualTo(30);
        assertThat(after.path("State").asInt()).isEqualTo(20);
        assertThat(sim.control().appState("Lobby01")).isEqualTo(AmpState.READY);
    }

    @Test
    void stopAnswersAnEmptyBodyAndEndsStopped() throws Exception {
        String session = amp.session(lobby);

        var response = amp.raw(lobby + "Core/Stop", "{\"SESSIONID\":\"" + session + "\"}", session);
        AmpState during = sim.control().appState("Lobby01");
        awaitState(AmpState.STOPPED);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(during).isEqualTo(AmpState.STOPPING);
        assertThat(sim.control().appState("Lobby01")).isEqualTo(AmpState.STOPPED);
    }

    @Test
    void startFromStoppedGoesStartingThenReady() throws Exception {
        String session = amp.session(lobby);
        amp.call(lobby + "Core/Kill", session, Map.of());

        JsonNode accepted = amp.call(lobby + "Core/Start", session, Map.of());
        AmpState during = sim.control().appState("Lobby01");
        awaitState(AmpState.READY);

        assertThat(accepted.path("Status").asBoolean()).isTrue();
        assertThat(during).isEqualTo(AmpState.STARTING);
        assertThat(sim.control().appState("Lobby01")).isEqualTo(AmpState.READY);
    }

    @Test
    void neverReadyKeepsARestartRestartingForever() throws Exception {
        sim.control().setNeverReady("Lobby01", true);
        amp.call(lobby + "Core/Restart", amp.session(lobby), Map.of());

        // still RESTARTING for twice the time a restart takes
        await().during(Duration.ofMillis(RESTART_MILLIS * 2)).atMost(Duration.ofSeconds(30))
                .until(() -> sim.control().appState("Lobby01") == AmpState.RESTARTING);
        String session = amp.session(lobby);

        assertThat(amp.call(lobby + "Core/GetStatus", session, Map.of()).path("State").asInt()).isEqualTo(30);
        assertThat(consoleText(session)).doesNotContain("Done (");
    }

    @Test
    void restartPrintsPaperStartupLinesEndingInDone() throws Exception {
        amp.call(lobby + "Core/Restart", amp.session(lobby), Map.of());
        String session = amp.session(lobby);

        awaitState(AmpState.READY);
        List<String> lines = consoleLines(session);

        assertThat(lines).contains("[Server thread/INFO]: [LuckPerms] Enabling LuckPerms v5.4.102");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("[Server thread/INFO]: Done (0.4s)! For help, type \"help\"");
        assertThat(consoleLines(session)).as("only lines since the last call").isEmpty();
    }

    @Test
    void failPluginOnNextStartPrintsTheEnableErrorOnce() throws Exception {
        sim.control().failPluginOnNextStart("Lobby01", "LuckPerms");

        amp.call(lobby + "Core/Restart", amp.session(lobby), Map.of());
        String session = amp.session(lobby);
        awaitState(AmpState.READY);
        String first = consoleText(session);
        amp.call(lobby + "Core/Restart", session, Map.of());
        String again = amp.session(lobby);
        awaitState(AmpState.READY);
        String second = consoleText(again);

        assertThat(first).contains(
                "[Server thread/ERROR]: Error occurred while enabling LuckPerms v5.4.102 (Is it up to date?)");
        assertThat(first).contains("Enabling Essentials v2.20.1");
        assertThat(second).doesNotContain("Error occurred while enabling").contains("Done (");
    }

    @Test
    void getUpdatesHasTheRealShape() throws Exception {
        amp.call(lobby + "Core/Restart", amp.session(lobby), Map.of());
        String session = amp.session(lobby);
        awaitState(AmpState.READY);

        JsonNode updates = amp.call(lobby + "Core/GetUpdates", session, Map.of());

        assertThat(updates.path("Status").path("State").asInt()).isEqualTo(20);
        assertThat(updates.path("Messages").isArray()).isTrue();
        assertThat(updates.path("Ports").isArray()).isTrue();
        assertThat(updates.path("Tasks").isArray()).isTrue();
        JsonNode entry = updates.path("ConsoleEntries").get(0);
        assertThat(entry.path("Timestamp").asString()).matches("/Date\\(\\d+\\)/");
        for (String key : new String[] {"Contents", "Source", "SourceId", "Type"}) {
            assertThat(entry.has(key)).as(key).isTrue();
        }
    }

    private String consoleText(String session) throws Exception {
        return String.join("\n", consoleLines(session));
    }

    private List<String> consoleLines(String session) throws Exception {
        List<String> lines = new ArrayList<>();
        for (JsonNode entry : amp.call(lobby + "Core/GetUpdates", session, Map.of()).path("ConsoleEntries")) {
            lines.add(entry.path("Contents").asString());
        }
        return lines;
    }

    /** Waits, with a bound generous for a loaded machine, until Lobby01's application is in {@code state}. */
    private void awaitState(AmpState state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> sim.control().appState("Lobby01") == state);
    }
}
