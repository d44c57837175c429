package org.homeamp.amp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading {@code ADSModule/GetInstances} in its current and old shapes. */
class AmpClientInstancesTest {
    /** Two targets in the shape AMP 2.5/2.6 returns; ADS rows, a Generic instance and sparse rows included. */
    static final String TWO_TARGETS = """
            [
              {"Id": 1, "InstanceId": "aaaa0000-0000-0000-0000-000000000001", "FriendlyName": "hetzner",
               "Disabled": false, "IsRemote": false, "State": 20, "LastUpdated": "/Date(1722527400266)/",
               "URL": "http://10.0.0.2:8080",
               "AvailableInstances": [
                 {"InstanceID": "aaaa0000-0000-0000-0000-000000000001", "TargetID": "aaaa0000-0000-0000-0000-000000000001",
                  "InstanceName": "ADS01", "FriendlyName": "ADS", "Module": "ADS", "Running": true, "AppState": -1,
                  "AMPVersion": {"Major": 2, "Minor": 6, "Build": 2, "Revision": 0, "MajorRevision": 0, "MinorRevision": 0}},
                 {"InstanceID": "bbbb0000-0000-0000-0000-000000000002", "TargetID": "aaaa0000-0000-0000-0000-000000000001",
                  "InstanceName": "Survival01", "FriendlyName": "Survival", "Module": "Minecraft", "Running": true, "AppState": 20,
                  "AMPVersion": {"Major": 2, "Minor": 6, "Build": 2, "Revision": 0, "MajorRevision": 0, "MinorRevision": 0},
                  "Metrics": {"TPS": {"RawValue": 20}}, "DeploymentArgs": {"MinecraftModule.Minecraft.PortNumber": "25565"}},
                 {"InstanceID": "cccc0000-0000-0000-0000-000000000003", "TargetID": "aaaa0000-0000-0000-0000-000000000001",
                  "InstanceName": "Geyser01", "FriendlyName": "Geyser", "Module": "GenericModule", "ModuleDisplayName": "Geyser",
                  "Running": false, "AppState": 0}
               ]},
              {"Id": 2, "InstanceId": "dddd0000-0000-0000-0000-000000000004", "FriendlyName": "Basement",
               "AvailableInstances": [
                 {"InstanceID": "dddd0000-0000-0000-0000-000000000004", "InstanceName": "ADS01", "Module": "ADS"},
                 {"InstanceID": "eeee0000-0000-0000-0000-000000000005", "InstanceName": "Lobby01", "Module": "Minecraft"},
                 {"InstanceName": "Broken01", "Module": "Minecraft"}
               ]}
            ]
            """;

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
    void twoTargetsWithoutAdsRowsKeepingOtherModules() {
        amp.onJson(null, "ADSModule/GetInstances", TWO_TARGETS);

        List<AmpTarget> targets = client.getInstances();

        assertThat(targets).extracting(AmpTarget::friendlyName).containsExactly("hetzner", "Basement");
        AmpTarget hetzner = targets.get(0);
        assertThat(hetzner.targetId()).isEqualTo("aaaa0000-0000-0000-0000-000000000001");
        assertThat(hetzner.url()).isEqualTo("http://10.0.0.2:8080");
        assertThat(hetzner.instances()).extracting(AmpInstance::instanceName).containsExactly("Survival01", "Geyser01");
        AmpInstance survival = hetzner.instances().get(0);
        assertThat(survival).isEqualTo(new AmpInstance("bbbb0000-0000-0000-0000-000000000002", "aaaa0000-0000-0000-0000-000000000001",
                "hetzner", "Survival01", "Survival", "Minecraft", true, AmpState.READY));
        assertThat(hetzner.instances().get(1).isMinecraft()).isFalse();

        AmpTarget basement = targets.get(1);
        assertThat(basement.url()).isNull();
        assertThat(basement.instances()).singleElement().satisfies(lobby -> {
            assertThat(lobby.instanceName()).isEqualTo("Lobby01");
            assertThat(lobby.targetId()).isEqualTo("dddd0000-0000-0000-0000-000000000004");
            assertThat(lobby.friendlyName()).isNull();
            assertThat(lobby.running()).isFalse();
            assertThat(lobby.appState()).isEqualTo(AmpState.UNDEFINED);
        });
    }

    @Test
    void oldResultWrapperIsAccepted() {
        amp.onJson(null, "ADSModule/GetInstances", "{\"result\": " + TWO_TARGETS + "}");

        assertThat(client.getInstances()).hasSize(2);
    }

    @Test
    void minecraftInstancesFiltersByModuleAndTargetNameIgnoringCase() {
        amp.onJson(null, "ADSModule/GetInstances", TWO_TARGETS);

        assertThat(client.minecraftInstances(null)).extracting(AmpInstance::instanceName).containsExactly("Survival01", "Lobby01");
        assertThat(client.minecraftInstances("BASEMENT")).extracting(AmpInstance::instanceName).containsExactly("Lobby01");
        assertThat(client.minecraftInstances("nowhere")).isEmpty();
    }

    @Test
    void anAnswerThatIsNoListIsExplained() {
        amp.onJson(null, "ADSModule/GetInstances", "{\"State\":20,\"Uptime\":\"1:00:00\"}");

        assertThatThrownBy(client::getInstances).isInstanceOf(AmpException.class).hasMessageContaining("controller (ADS)");
    }

    @Test
    void realSampleFromTheCorpusIsRead() throws Exception {
        Path sample = Path.of("..", "shared", "corpus", "amp", "ADSModule.GetInstances.sample-k8thekat.json");
        assumeTrue(Files.isRegularFile(sample), "corpus not present: " + sample.toAbsolutePath());
        amp.onJson(null, "ADSModule/GetInstances", Files.readString(sample));

        List<AmpTarget> targets = client.getInstances();

        assertThat(targets).hasSize(2);
        assertThat(targets).flatExtracting(AmpTarget::instances).noneMatch(i -> "ADS".equals(i.module()));
        List<AmpInstance> minecraft = client.minecraftInstances(null);
        assertThat(minecraft).isNotEmpty().allMatch(AmpInstance::isMinecraft);
        assertThat(minecraft).allSatisfy(i -> {
            assertThat(i.instanceId()).isNotBlank();
            assertThat(i.instanceName()).isNotBlank();
            assertThat(i.targetName()).isNotBlank();
        });
    }
}
