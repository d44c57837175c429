package org.homeamp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.homeamp.testing.Approvals;
import org.homeamp.testing.DemoFixture;
import org.homeamp.testing.NightlyTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code deploy.parallel: 2} (SPEC §4, §10): two instances deploy at the same time, each is restarted
 * exactly once, every row's result is recorded on its own row, and each instance's backup manifest is
 * whole and lists exactly its own files, with the backed-up bytes matching the hashes it names.
 */
class DeployParallelTest {
    private static final List<String> SETTINGS = List.of("view-distance", "enable-rcon", "use-server-uuid-cache", "teleport-cooldown", "auto-afk");
    /** Instances between PENDING and a finished state. */
    private static final String IN_PROGRESS = "SELECT COUNT(*) FROM deployment_instance WHERE state IN"
            + " ('PREPARED', 'BACKED_UP', 'WRITTEN', 'RESTARTING', 'ROLLING_BACK', 'ROLLBACK_RESTARTING')";

    @TempDir
    Path tmp;

    @Test
    void twoInstancesDeployAtOnceEachRestartedOnceWithWholeManifests() throws Exception {
        Path dir = tmp.resolve("demo");
        NightlyTemplate.copyInto(dir).close();
        DemoNetwork network = new DemoNetworkGenerator().generate(dir, 6, 14, false);
        Files.writeString(network.configFile(), Files.readString(network.configFile()) + "  deploy:\n    parallel: 2\n");

        try (DemoFixture demo = DemoFixture.open(network)) {
            assertThat(demo.settings().deploy().parallel()).isEqualTo(2);
            Path approved = Approvals.approve(NightlyTemplate.workbook(demo), tmp.resolve("approved.xlsx"), "grace",
                    r -> SETTINGS.contains(r.get("Setting")));
            // every AMP call takes a while, so each instance's deploy spans many polls
            demo.hosts.simulator("hetzner").control().setLatencyMillis(60);
            demo.hosts.simulator("ovh").control().setLatencyMillis(60);

            AtomicLong mostAtOnce = new AtomicLong();
            AtomicBoolean done = new AtomicBoolean();
            Thread watcher = new Thread(() -> {
                while (!done.get()) {
                    try {
                        mostAtOnce.accumulateAndGet(demo.count(IN_PROGRESS), Math::max);
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException tableNotThereYet) {
                        // the first deployment row may not be committed yet
                    }
                }
            }, "deploy-watcher");
            watcher.start();
            StringWriter out = new StringWriter();
            int exit;
            try {
                exit = demo.context.getBean(DeployService.class).deploy(approved, List.of(), false, new PrintWriter(out, true));
            } finally {
                done.set(true);
                watcher.join();
            }

            assertThat(exit).as(out.toString()).isEqualTo(DeployService.OK);
            String id = demo.jdbc().queryForObject("SELECT deployment_id FROM deployment", String.class);
            List<Map<String, Object>> instances = demo.jdbc().queryForList(
                    "SELECT server, instance_name, instance_id, state, restarts FROM deployment_instance WHERE deployment_id = ?", id);
            assertThat(instances).hasSizeGreaterThanOrEqualTo(2);
            assertThat(mostAtOnce.get()).as("instances deploying at the same moment").isEqualTo(2);
            // every approved row applied, recorded on its own row
            long approvedRows = Approvals.rows(approved).stream().filter(r -> SETTINGS.contains(r.get("Setting"))).count();
            assertThat(demo.count("SELECT COUNT(*) FROM deployment_row WHERE deployment_id = ? AND result = 'APPLIED' AND approved_by = 'grace'", id))
                    .isEqualTo(approvedRows).isEqualTo(SETTINGS.size());
            assertThat(demo.count("SELECT COUNT(*) FROM deployment_row WHERE deployment_id = ? AND result <> 'APPLIED'", id)).isZero();

            JsonMapper json = JsonMapper.builder().build();
            Path backups = demo.settings().stateDir().resolve("backups").resolve(id);
            for (Map<String, Object> i : instances) {
                String server = (String) i.get("SERVER");
                String instance = (String) i.get("INSTANCE_NAME");
                assertThat(i.get("STATE")).as(server + "/" + instance).isEqualTo("HEALTHY");
                assertThat(((Number) i.get("RESTARTS")).intValue()).as(server + "/" + instance).isEqualTo(1);
                assertThat(demo.hosts.simulator(server).control().callCount(i.get("INSTANCE_ID") + "/API/Core/Restart"))
                        .as("restarts of " + server + "/" + instance).isEqualTo(1);

                // the manifest is whole JSON and lists exactly this instance's files, whose backups hash as it says
                JsonNode manifest = json.readTree(Files.readString(backups.resolve(server).resolve(instance + ".manifest.json")));
                Map<String, String> listed = new HashMap<>();
                for (JsonNode f : manifest.path("files")) {
                    listed.put(f.path("path").asString(), f.path("sha256_before").asString());
                }
                Set<String> recorded = new HashSet<>(demo.jdbc().queryForList(
                        "SELECT path FROM deployment_file WHERE deployment_id = ? AND server = ? AND instance_name = ?", String.class, id, server, instance));
                assertThat(listed.keySet()).as("manifest of " + server + "/" + instance).isNotEmpty().isEqualTo(recorded);
                for (Map.Entry<String, String> f : listed.entrySet()) {
                    byte[] saved = Files.readAllBytes(backups.resolve(server).resolve(instance).resolve(f.getKey()));
                    assertThat(Backups.sha256(saved)).as(server + "/" + instance + ":" + f.getKey()).isEqualTo(f.getValue());
                }
            }
        }
    }
}
