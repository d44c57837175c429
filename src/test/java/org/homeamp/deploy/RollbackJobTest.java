package org.homeamp.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.RunOutcome;
import org.homeamp.config.ConfigException;
import org.homeamp.testing.FileTrees;
import org.homeamp.testing.Approvals;
import org.homeamp.testing.DemoFixture;
import org.homeamp.testing.NightlyTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

/** Deploy, then rollback: every file and jar of the touched instances is back byte for byte; and the refusals. */
class RollbackJobTest {
    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 20);

    @TempDir
    Path tmp;

    @Test
    void rollbackRestoresEveryFileAndJarByteForByteOnLocalAndAmpApiInstances() throws Exception {
        try (DemoFixture demo = NightlyTemplate.copyInto(tmp.resolve("demo"))) {
            Path workbook = NightlyTemplate.workbook(demo);
            List<Approvals.ChangeRow> updates = Approvals.rows(workbook).stream()
                    .filter(r -> r.get("Type").equals("plugin-update") && r.get("Server").equals("hetzner")).toList();
            assertThat(updates).as("the demo proposes a plugin update on hetzner").isNotEmpty();
            String updateId = updates.get(0).get("Change ID");
            String updatedInstance = updates.get(0).get("Instance");
            Map<String, String> lobby = tree(demo, "hetzner", "Lobby01");
            Map<String, String> creative = tree(demo, "ovh", "Creative01");
            Map<String, String> updated = tree(demo, "hetzner", updatedInstance);
            Path approved = Approvals.approve(workbook, tmp.resolve("approved.xlsx"), "alice",
                    r -> r.get("Setting").equals("view-distance") || r.get("Setting").equals("use-server-uuid-cache")
                            || r.get("Change ID").equals(updateId));
            assertThat(run(demo, s -> s.getBean(DeployService.class).deploy(approved, List.of(), false, s.out))).isEqualTo(DeployService.OK);
            assertThat(tree(demo, "hetzner", "Lobby01")).isNotEqualTo(lobby);
            assertThat(tree(demo, "hetzner", updatedInstance)).isNotEqualTo(updated);
            String id = demo.jdbc().queryForObject("SELECT deployment_id FROM deployment", String.class);

            StringWriter out = new StringWriter();
            int exit = demo.context.getBean(RollbackService.class).rollback(id, false, false, new PrintWriter(out, true));

            assertThat(exit).as(out.toString()).isEqualTo(DeployService.OK);
            assertThat(tree(demo, "hetzner", "Lobby01")).isEqualTo(lobby);
            assertThat(tree(demo, "ovh", "Creative01")).isEqualTo(creative);
            assertThat(tree(demo, "hetzner", updatedInstance)).isEqualTo(updated);
            assertThat(out.toString()).contains("rollback D-").contains("of deployment " + id);
            assertThat(demo.count("SELECT COUNT(*) FROM deployment WHERE kind = 'rollback' AND undoes = ? AND result = 'COMPLETED'", id)).isEqualTo(1);

            assertThatThrownBy(() -> demo.context.getBean(RollbackService.class).rollback(id, false, false, new PrintWriter(new StringWriter())))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("already rolled back");
            String rollbackId = demo.jdbc().queryForObject("SELECT deployment_id FROM deployment WHERE kind = 'rollback'", String.class);
            assertThatThrownBy(() -> demo.context.getBean(RollbackService.class).rollback(rollbackId, false, false, new PrintWriter(new StringWriter())))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("is itself a rollback");
        }
    }

    @Test
    void aFileChangedAfterTheDeploymentRefusesTheRollbackUnlessForced() throws Exception {
        try (DemoFixture demo = NightlyTemplate.copyInto(tmp.resolve("demo"))) {
            Path workbook = NightlyTemplate.workbook(demo);
            Path props = demo.network.dir().resolve("hosts/hetzner/instances/Lobby01/Minecraft/server.properties");
            byte[] original = Files.readAllBytes(props);
            Path approved = Approvals.approve(workbook, tmp.resolve("approved.xlsx"), "bob", r -> r.get("Setting").equals("view-distance"));
            assertThat(run(demo, s -> s.getBean(DeployService.class).deploy(approved, List.of(), false, s.out))).isEqualTo(DeployService.OK);
            String id = demo.jdbc().queryForObject("SELECT deployment_id FROM deployment", String.class);
            Files.writeString(props, Files.readString(props).replace("view-distance=8", "view-distance=12"));
            byte[] handEdited = Files.readAllBytes(props);

            assertThatThrownBy(() -> demo.context.getBean(RollbackService.class).rollback(id, false, false, new PrintWriter(new StringWriter())))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("hetzner/Lobby01:server.properties sha256 now " + FileTrees.sha256(handEdited).substring(0, 12))
                    .hasMessageContaining("--force");
            assertThat(props).hasBinaryContent(handEdited);

            StringWriter out = new StringWriter();
            int exit = demo.context.getBean(RollbackService.class).rollback(id, false, true, new PrintWriter(out, true));

            assertThat(exit).as(out.toString()).isEqualTo(DeployService.OK);
            assertThat(props).hasBinaryContent(original);
        }
    }

    @Test
    void historyListsDeploymentsAndShowsOneRowByRow() throws Exception {
        try (DemoFixture demo = NightlyTemplate.copyInto(tmp.resolve("demo"))) {
            Path workbook = NightlyTemplate.workbook(demo);
            Path approved = Approvals.approve(workbook, tmp.resolve("approved.xlsx"), "carol",
                    r -> r.get("Setting").equals("view-distance") || r.get("Setting").equals("teleport-cooldown"));
            Path tampered = Approvals.setCell(approved, tmp.resolve("tampered.xlsx"), "Proposed", "77", r -> r.get("Setting").equals("teleport-cooldown"));
            assertThat(run(demo, s -> s.getBean(DeployService.class).deploy(tampered, List.of(), false, s.out))).isEqualTo(DeployService.PROBLEMS);
            String id = demo.jdbc().queryForObject("SELECT deployment_id FROM deployment", String.class);
            DeploymentHistory history = demo.context.getBean(DeploymentHistory.class);

            String list = history.listText(10);
            String one = history.oneText(history.one(id).orElseThrow());

            assertThat(list).contains(id).contains("1/1/0/0").contains("with refusals").contains("CET");
            assertThat(one).contains("carol").contains("view-distance").contains("APPLIED").contains("REFUSED").contains("hetzner/Lobby01");
            assertThat(history.oneJson(history.one(id).orElseThrow())).contains("\"change_id\"").contains("\"result\" : \"REFUSED\"");
        }
    }

    // ------------------------------------------------------------------ helpers

    interface Action {
        int run(Scope s) throws Exception;
    }

    record Scope(DemoFixture demo, PrintWriter out) {
        <T> T getBean(Class<T> type) {
            return demo.context.getBean(type);
        }
    }

    private static int run(DemoFixture demo, Action action) throws Exception {
        StringWriter sw = new StringWriter();
        int exit = action.run(new Scope(demo, new PrintWriter(sw, true)));
        assertThat(exit).as(sw.toString()).isIn(DeployService.OK, DeployService.PROBLEMS);
        return exit;
    }

    private static Path nightly(DemoFixture demo) {
        RunOutcome outcome = demo.jobs().run(JobNames.NIGHTLY, DAY1, List.of(), false);
        assertThat(outcome.status()).as(outcome.message()).isEqualTo(BatchStatus.COMPLETED);
        return demo.settings().stateDir().resolve("reports").resolve(DAY1.toString()).resolve("approvals-" + DAY1 + ".xlsx");
    }

    /** sha256, and on disk mode and owner, of every file under the instance's Minecraft folder. */
    private static Map<String, String> tree(DemoFixture demo, String server, String instance) throws IOException {
        return FileTrees.withModes(demo.network.dir().resolve("hosts").resolve(server).resolve("instances").resolve(instance).resolve("Minecraft"));
    }

}
