package org.homeamp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.RunOutcome;
import org.homeamp.testing.Approvals;
import org.homeamp.testing.DemoFixture;
import org.homeamp.testing.NightlyTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

/**
 * The deploy job on the demo network (SPEC §10): the nightly proposes, a test ticks Approve as an
 * operator would, and {@code deploy} applies exactly those rows on local and amp-api instances.
 */
class DeployJobTest {
    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 20);
    private static final LocalDate DAY2 = LocalDate.of(2026, 11, 21);

    @TempDir
    Path tmp;

    @Test
    void appliesApprovedRowsOnLocalAndAmpApiInstancesAndTheNextScanResolvesThem() throws Exception {
        try (DemoFixture demo = NightlyTemplate.copyInto(tmp.resolve("demo"))) {
            Path workbook = NightlyTemplate.workbook(demo);
            Path lobbyProps = file(demo, "hetzner", "Lobby01", "server.properties");
            Path luckPerms = file(demo, "ovh", "Creative01", "plugins/LuckPerms/config.yml");
            byte[] lobbyBefore = Files.readAllBytes(lobbyProps);
            String luckBefore = Files.readString(luckPerms);
            Path approved = Approvals.approve(workbook, tmp.resolve("approved.xlsx"), "alice",
                    r -> r.get("Setting").equals("view-distance") || r.get("Setting").equals("use-server-uuid-cache"));

            Deployed first = deploy(demo, approved, false);

            assertThat(first.exit()).as(first.out()).isEqualTo(DeployService.OK);
            assertThat(first.out()).startsWith("deployment D-").contains("for plan " + DAY1 + "-").contains(": 2 rows approved");
            String lobbyAfter = Files.readString(lobbyProps);
            assertThat(lobbyAfter).isEqualTo(new String(lobbyBefore).replace("view-distance=6", "view-distance=8"));
            assertThat(Files.readString(luckPerms)).contains("use-server-uuid-cache: ").startsWith(luckBefore.substring(0, 40));
            assertThat(restarts(demo, "hetzner", "Lobby01")).isEqualTo(1);
            assertThat(restarts(demo, "ovh", "Creative01")).isEqualTo(1);
            assertThat(restarts(demo, "hetzner", "Survival01")).isZero();
            String id = first.out().substring("deployment ".length(), first.out().indexOf(' ', "deployment ".length()));
            Path backup = demo.settings().stateDir().resolve("backups").resolve(id).resolve("hetzner/Lobby01/server.properties");
            assertThat(backup).hasBinaryContent(lobbyBefore);
            assertThat(demo.settings().stateDir().resolve("backups").resolve(id).resolve("hetzner/Lobby01.manifest.json")).exists();
            assertThat(demo.count("SELECT COUNT(*) FROM deployment_row WHERE deployment_id = ? AND result = 'APPLIED' AND approved_by = 'alice'", id))
                    .isEqualTo(2);

            Deployed again = deploy(demo, approved, false);
            assertThat(again.exit()).isEqualTo(DeployService.OK);
            assertThat(again.out()).contains("already deployed as " + id);
            assertThat(restarts(demo, "hetzner", "Lobby01")).isEqualTo(1);

            RunOutcome scan = demo.jobs().run(JobNames.DRIFT_SCAN, DAY2, List.of(), false);
            assertThat(scan.status()).as(scan.message()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(demo.count("SELECT COUNT(*) FROM drift_finding WHERE run_date = ? AND state = 'RESOLVED'"
                    + " AND key_path IN ('view-distance', 'use-server-uuid-cache')", DAY2)).isEqualTo(2);
        }
    }

    @Test
    void newFileAndPluginUpdateRowsCreateTheBaselineFileAndSwapTheJar() throws Exception {
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo"), 6, 14)) {
            Path bukkit = file(demo, "hetzner", "Lobby01", "bukkit.yml");
            Files.delete(bukkit);
            Path workbook = nightly(demo);
            Approvals.ChangeRow update = Approvals.rows(workbook).stream()
                    .filter(r -> r.get("Type").equals("plugin-update") && r.get("Server").equals("hetzner")).findFirst().orElseThrow();
            String instance = update.get("Instance");
            Path oldJar = file(demo, "hetzner", instance, update.get("File"));
            byte[] oldJarBytes = Files.readAllBytes(oldJar);
            Path approved = Approvals.approve(workbook, tmp.resolve("approved.xlsx"), "frank",
                    r -> (r.get("Type").equals("new-file") && r.get("File").equals("bukkit.yml") && r.get("Instance").equals("Lobby01"))
                            || r.get("Change ID").equals(update.get("Change ID")));

            Deployed result = deploy(demo, approved, false);

            assertThat(result.exit()).as(result.out()).isEqualTo(DeployService.OK);
            assertThat(bukkit).exists();
            // written from the baseline file itself (D-D3): its comment and layout stay, the lobby overlay's value is put in
            String baseline = Files.readString(demo.network.dir().resolve("baselines/server/bukkit.yml"));
            assertThat(baseline).startsWith("# Baseline for bukkit.yml").contains("  allow-end: true\n");
            assertThat(Files.readString(bukkit)).isEqualTo(baseline.replace("  allow-end: true\n", "  allow-end: false\n"));
            assertThat(oldJar).doesNotExist();
            try (var jars = Files.list(oldJar.getParent())) {
                List<String> names = jars.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
                assertThat(names).anyMatch(n -> n.contains(update.get("Proposed")));
            }
            String id = demo.jdbc().queryForObject("SELECT deployment_id FROM deployment", String.class);
            assertThat(demo.settings().stateDir().resolve("backups").resolve(id).resolve("hetzner").resolve(instance).resolve(update.get("File")))
                    .hasBinaryContent(oldJarBytes);
            RunOutcome scan = demo.jobs().run(JobNames.DRIFT_SCAN, DAY2, List.of(), false);
            assertThat(scan.status()).as(scan.message()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(demo.count("SELECT COUNT(*) FROM drift_finding WHERE run_date = ? AND instance_name = 'Lobby01' AND file = 'bukkit.yml'"
                    + " AND state <> 'RESOLVED'", DAY2)).isZero();
        }
    }

    @Test
    void staleAndTamperedRowsAreRefusedAndTheRestIsApplied() throws Exception {
        try (DemoFixture demo = NightlyTemplate.copyInto(tmp.resolve("demo"))) {
            Path workbook = NightlyTemplate.workbook(demo);
            Path approved = Approvals.approve(workbook, tmp.resolve("approved.xlsx"), "bob",
                    r -> List.of("view-distance", "teleport-cooldown", "auto-afk").contains(r.get("Setting")));
            // a forger raises the proposed teleport-cooldown; a volunteer fixes auto-afk by hand after the plan
            Path tampered = Approvals.setCell(approved, tmp.resolve("tampered.xlsx"), "Proposed", "999",
                    r -> r.get("Setting").equals("teleport-cooldown"));
            Path essentials = file(demo, "hetzner", "Survival01", "plugins/Essentials/config.yml");
            String handEdited = Files.readString(essentials).replaceFirst("auto-afk: \\d+", "auto-afk: 4242");
            Files.writeString(essentials, handEdited);

            Deployed result = deploy(demo, tampered, false);

            assertThat(result.exit()).as(result.out()).isEqualTo(DeployService.PROBLEMS);
            assertThat(result.out()).contains(": 2 rows approved").containsPattern("C-\\w+ \\(row \\d+\\) refused: .*(signature|Proposed)")
                    .containsPattern("refused: stale: the live value of auto-afk .* is now '4242'");
            assertThat(Files.readString(essentials)).isEqualTo(handEdited);
            assertThat(restarts(demo, "hetzner", "Survival01")).isZero();
            assertThat(Files.readString(file(demo, "hetzner", "Lobby01", "server.properties"))).contains("view-distance=8");
            assertThat(restarts(demo, "hetzner", "Lobby01")).isEqualTo(1);
        }
    }

    @Test
    void dryRunShowsTheDiffAndWritesNothing() throws Exception {
        try (DemoFixture demo = NightlyTemplate.copyInto(tmp.resolve("demo"))) {
            Path workbook = NightlyTemplate.workbook(demo);
            Path approved = Approvals.approve(workbook, tmp.resolve("approved.xlsx"), "carol",
                    r -> r.get("Setting").equals("view-distance") || r.get("Setting").equals("rcon.password"));
            Path lobbyProps = file(demo, "hetzner", "Lobby01", "server.properties");
            Path creativeProps = file(demo, "ovh", "Creative01", "server.properties");
            byte[] lobbyBefore = Files.readAllBytes(lobbyProps);
            byte[] creativeBefore = Files.readAllBytes(creativeProps);

            Deployed dry = deploy(demo, approved, true);

            assertThat(dry.exit()).as(dry.out()).isEqualTo(DeployService.OK);
            assertThat(dry.out()).contains("-view-distance=6").contains("+view-distance=8").contains("restart hetzner/Lobby01 once")
                    .contains("a/server.properties").contains("secret:");
            assertThat(dry.out()).doesNotContain("demo-rcon-5f2b91");
            assertThat(lobbyProps).hasBinaryContent(lobbyBefore);
            assertThat(creativeProps).hasBinaryContent(creativeBefore);
            assertThat(restarts(demo, "hetzner", "Lobby01")).isZero();
            assertThat(demo.count("SELECT COUNT(*) FROM deployment")).isZero();
        }
    }

    @Test
    void aFailedHealthCheckRestoresTheFilesByteForByteAndRestartsTwice() throws Exception {
        try (DemoFixture demo = NightlyTemplate.copyInto(tmp.resolve("demo"))) {
            Path workbook = NightlyTemplate.workbook(demo);
            Path approved = Approvals.approve(workbook, tmp.resolve("approved.xlsx"), "dave",
                    r -> r.get("Setting").equals("teleport-cooldown"));
            Path essentials = file(demo, "hetzner", "Survival01", "plugins/Essentials/config.yml");
            byte[] before = Files.readAllBytes(essentials);
            demo.hosts.simulator("hetzner").control().failPluginOnNextStart("Survival01", "Essentials");

            Deployed result = deploy(demo, approved, false);

            assertThat(result.exit()).as(result.out()).isEqualTo(DeployService.PROBLEMS);
            assertThat(result.out()).contains("hetzner/Survival01: ROLLED BACK").contains("Error occurred while enabling Essentials");
            assertThat(essentials).hasBinaryContent(before);
            assertThat(restarts(demo, "hetzner", "Survival01")).isEqualTo(2);
            assertThat(demo.count("SELECT COUNT(*) FROM deployment_row WHERE result = 'ROLLED_BACK'")).isEqualTo(1);
        }
    }

    @Test
    void anAmpWriteRefusedLeavesTheInstanceAsItWasWithoutARestartAndTheOthersDeploy() throws Exception {
        try (DemoFixture demo = NightlyTemplate.copyInto(tmp.resolve("demo"))) {
            Path workbook = NightlyTemplate.workbook(demo);
            Path approved = Approvals.approve(workbook, tmp.resolve("approved.xlsx"), "gina",
                    r -> r.get("Setting").equals("view-distance") || r.get("Setting").equals("enable-rcon")
                            || r.get("Setting").equals("use-server-uuid-cache"));
            Path creative = file(demo, "ovh", "Creative01", "server.properties");
            Path luckPerms = file(demo, "ovh", "Creative01", "plugins/LuckPerms/config.yml");
            byte[] creativeBefore = Files.readAllBytes(creative);
            byte[] luckBefore = Files.readAllBytes(luckPerms);
            // ovh's disk is full: AMP refuses every write to it (the first file may be written, the second is not)
            for (int i = 0; i < 4; i++) {
                demo.hosts.simulator("ovh").control().failNextCall("FileManagerPlugin/WriteFileChunk",
                        "{\"Status\":false,\"Reason\":\"There is not enough space on the disk.\"}");
            }

            Deployed result = deploy(demo, approved, false);

            assertThat(result.exit()).as(result.out()).isEqualTo(DeployService.PROBLEMS);
            assertThat(result.out()).contains("ovh/Creative01: not changed").contains("failed: writing ")
                    .contains("not enough space on the disk").contains("hetzner/Lobby01: deployed, healthy");
            assertThat(creative).hasBinaryContent(creativeBefore);
            assertThat(luckPerms).hasBinaryContent(luckBefore);
            assertThat(restarts(demo, "ovh", "Creative01")).isZero();
            assertThat(restarts(demo, "hetzner", "Lobby01")).isEqualTo(1);
            assertThat(demo.count("SELECT COUNT(*) FROM deployment_row WHERE result = 'FAILED'")).isEqualTo(2);
        }
    }

    @Test
    void aDeployThatFailedWhenAmpWentDownResumesWithRestartWithoutRedoingFinishedInstances() throws Exception {
        try (DemoFixture demo = NightlyTemplate.copyInto(tmp.resolve("demo"))) {
            Path workbook = NightlyTemplate.workbook(demo);
            Path approved = Approvals.approve(workbook, tmp.resolve("approved.xlsx"), "erin",
                    r -> r.get("Setting").equals("view-distance") || r.get("Setting").equals("use-server-uuid-cache"));
            demo.hosts.simulator("ovh").close();   // ovh's AMP is down: hetzner deploys, ovh cannot

            Deployed failed;
            try {
                failed = deploy(demo, approved, false);
            } catch (org.homeamp.batch.JobFailedException e) {
                failed = new Deployed(1, e.getMessage());
            }
            assertThat(failed.exit()).isEqualTo(DeployService.FAILED);
            assertThat(failed.out()).contains("homeamp restart ");
            assertThat(restarts(demo, "hetzner", "Lobby01")).isEqualTo(1);
            String lobbyAfterFirst = Files.readString(file(demo, "hetzner", "Lobby01", "server.properties"));
            assertThat(lobbyAfterFirst).contains("view-distance=8");
        }
        // the host is back (a new process, as an operator would run 'homeamp restart')
        try (DemoFixture demo = DemoFixture.open(networkOf(tmp.resolve("demo")))) {
            RunOutcome restarted = demo.jobs().restart(null);
            assertThat(restarted.status()).as(restarted.message()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(restarts(demo, "hetzner", "Lobby01")).isZero();   // counters are per simulator process: not restarted again
            assertThat(restarts(demo, "ovh", "Creative01")).isEqualTo(1);
            assertThat(Files.readString(file(demo, "ovh", "Creative01", "plugins/LuckPerms/config.yml"))).contains("use-server-uuid-cache: ");
            assertThat(demo.count("SELECT COUNT(*) FROM deployment_row WHERE result = 'APPLIED'")).isEqualTo(2);
        }
    }

    // ------------------------------------------------------------------ helpers

    record Deployed(int exit, String out) {
    }

    private static Path nightly(DemoFixture demo) {
        RunOutcome outcome = demo.jobs().run(JobNames.NIGHTLY, DAY1, List.of(), false);
        assertThat(outcome.status()).as(outcome.message()).isEqualTo(BatchStatus.COMPLETED);
        return demo.settings().stateDir().resolve("reports").resolve(DAY1.toString()).resolve("approvals-" + DAY1 + ".xlsx");
    }

    private static Deployed deploy(DemoFixture demo, Path workbook, boolean dryRun) {
        StringWriter out = new StringWriter();
        int exit = demo.context.getBean(DeployService.class).deploy(workbook, List.of(), dryRun, new PrintWriter(out, true));
        return new Deployed(exit, out.toString());
    }

    private static Path file(DemoFixture demo, String server, String instance, String path) {
        return demo.network.dir().resolve("hosts").resolve(server).resolve("instances").resolve(instance).resolve("Minecraft").resolve(path);
    }

    private static int restarts(DemoFixture demo, String server, String instance) {
        String id = demo.jdbc().queryForObject("SELECT instance_id FROM instance WHERE server = ? AND instance_name = ?", String.class, server, instance);
        return demo.hosts.simulator(server).control().callCount(id + "/API/Core/Restart");
    }

    private static org.homeamp.demo.DemoNetwork networkOf(Path dir) throws java.io.IOException {
        return new org.homeamp.demo.DemoNetworkGenerator().generate(dir, 6, 14, false);
    }
}
