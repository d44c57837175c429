package org.homeamp.demo.ampsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.homeamp.testing.FakeAmp;
import org.homeamp.testing.SimHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class AmpSimulatorInstancesTest {

    @RegisterExtension
    final FakeAmp fake = FakeAmp.hetzner(300, 200);

    private AmpSimulator sim;
    private AmpCalls amp;
    private String session;

    @BeforeEach
    void start() throws Exception {
        sim = fake.simulator();
        amp = new AmpCalls(sim.baseUrl());
        session = amp.session("");
    }


    @Test
    void getInstancesListsThisHostAndItsRemoteTargetInTheRealShape() throws Exception {
        JsonNode targets = amp.call("ADSModule/GetInstances", session, Map.of("ForceIncludeSelf", true));

        assertThat(targets).hasSize(2);
        JsonNode self = targets.get(0);
        assertThat(self.path("InstanceId").asString()).isEqualTo(SimHosts.HETZNER_ID);
        assertThat(self.path("FriendlyName").asString()).isEqualTo("hetzner");
        assertThat(self.path("IsRemote").asBoolean()).isFalse();
        assertThat(self.path("State").asInt()).isEqualTo(20);
        assertThat(self.path("LastUpdated").asString()).matches("/Date\\(\\d+\\)/");
        assertThat(self.path("URL").asString()).isEqualTo(sim.baseUrl().toString());
        for (String key : new String[] {"Id", "Description", "Disabled", "Platform", "Datastores", "StateReason",
                "CanCreate", "AvailableIPs", "Tags", "TagsList"}) {
            assertThat(self.has(key)).as(key).isTrue();
        }

        JsonNode rows = self.path("AvailableInstances");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).path("InstanceName").asString()).isEqualTo("ADS01");
        assertThat(rows.get(0).path("Module").asString()).isEqualTo("ADS");
        assertThat(rows.get(0).path("AppState").asInt()).isEqualTo(-1);

        JsonNode lobby = rows.get(1);
        assertThat(lobby.path("InstanceID").asString()).isEqualTo(SimHosts.LOBBY_ID);
        assertThat(lobby.path("TargetID").asString()).isEqualTo(SimHosts.HETZNER_ID);
        assertThat(lobby.path("InstanceName").asString()).isEqualTo("Lobby01");
        assertThat(lobby.path("Module").asString()).isEqualTo("Minecraft");
        assertThat(lobby.has("ModuleDisplayName")).isFalse();
        assertThat(lobby.path("AMPVersion").isObject()).isTrue();
        assertThat(lobby.path("AMPVersion").has("MinorRevision")).isTrue();
        assertThat(lobby.path("Running").asBoolean()).isTrue();
        assertThat(lobby.path("AppState").asInt()).isEqualTo(20);
        assertThat(lobby.path("Port").asInt()).isEqualTo(8081);
        assertThat(lobby.path("Metrics").has("Memory Usage")).isTrue();
        assertThat(lobby.path("DisplayImageSource").asString()).isEqualTo("internal:MinecraftJava");

        assertThat(rows.get(2).path("Running").asBoolean()).isFalse();
        assertThat(rows.get(3).path("Module").asString()).isEqualTo("GenericModule");
        assertThat(rows.get(3).path("ModuleDisplayName").asString()).isEqualTo("Geyser");

        JsonNode remote = targets.get(1);
        assertThat(remote.path("IsRemote").asBoolean()).isTrue();
        assertThat(remote.path("InstanceId").asString()).isEqualTo(SimHosts.OVH_ID);
        assertThat(remote.path("AvailableInstances").get(1).path("InstanceName").asString()).isEqualTo("Creative01");
        assertThat(remote.path("AvailableInstances").get(1).path("TargetID").asString()).isEqualTo(SimHosts.OVH_ID);
    }

    @Test
    void instanceLifecycleOnTheControllerTakesTheNameNotTheGuid() throws Exception {
        JsonNode byGuid = amp.call("ADSModule/StartInstance", session, Map.of("InstanceName", SimHosts.SURVIVAL_ID));
        JsonNode byName = amp.call("ADSModule/StartInstance", session, Map.of("InstanceName", "Survival01"));

        assertThat(byGuid.path("Status").asBoolean()).isFalse();
        assertThat(byGuid.path("Reason").asString()).isEqualTo("No such instance with this name");
        assertThat(byName.path("Status").asBoolean()).isTrue();
        assertThat(byName.path("Reason").asString()).isEmpty();
        assertThat(sim.control().instanceRunning("Survival01")).isTrue();
    }

    @Test
    void stopInstanceTakesTheProcessDownAndDropsItsSessions() throws Exception {
        String lobby = AmpCalls.proxied(SimHosts.LOBBY_ID);
        amp.session(lobby);

        JsonNode reply = amp.call("ADSModule/StopInstance", session, Map.of("InstanceName", "Lobby01"));

        assertThat(reply.path("Status").asBoolean()).isTrue();
        assertThat(amp.login(lobby, SimHosts.PASSWORD).path("Title").asString()).isEqualTo("Instance Unavailable");
    }

    @Test
    void remoteTargetInstancesAreListedButNotServed() throws Exception {
        JsonNode reply = amp.login(AmpCalls.proxied(SimHosts.CREATIVE_ID), SimHosts.PASSWORD);

        assertThat(reply.path("Title").asString()).isEqualTo("Instance Unavailable");
    }
}
