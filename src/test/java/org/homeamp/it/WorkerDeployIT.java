package org.homeamp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeamp.it.WorkerProcesses.awaitLive;
import static org.homeamp.it.WorkerProcesses.query;
import static org.homeamp.it.WorkerProcesses.rows;
import static org.homeamp.it.WorkerProcesses.stop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.homeamp.batch.StateHosts;
import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.homeamp.drift.SecretMasker;
import org.homeamp.testing.Approvals;
import org.homeamp.testing.EmbeddedPostgresDb;
import org.homeamp.testing.FileTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code homeamp deploy} through a {@code homeamp worker} (D-W5), packaged jar on a real PostgreSQL:
 * the ovh worker is killed with SIGKILL while one of its instances restarts. The manager notices the
 * dead worker within its heartbeat limit and fails the deploy restartably; with the worker started
 * again (same state dir), {@code homeamp restart} finishes the deployment there: every approved row
 * applied once, exactly the planned files changed to exactly the planned bytes, their backups intact in
 * the worker's state dir, no instance restarted more than once more than planned, nothing half-written.
 */
class WorkerDeployIT {
    private static final String DAY = "2026-11-20";

    @TempDir
    Path tmp;

    @Test
    void aWorkerKilledWhileItsInstanceRestartsLeavesTheDeployRestartableAndTheRestartFinishesItOnTheWorker() throws Exception {
        DemoNetwork net = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 6, 14, false);
        String db = EmbeddedPostgresDb.createDatabase("worker_deploy_it");
        Path manager = WorkerProcesses.config(net, "manager", "./state", db);
        Path workerCfg = WorkerProcesses.config(net, "worker-ovh", "./ovh-state", db);
        Path managerState = net.dir().resolve("state");
        Path workerState = Files.createDirectories(net.dir().resolve("ovh-state"));
        // one installation key on both hosts (docs/scaling.md)
        SecretMasker.forStateDir(managerState);
        Files.copy(managerState.resolve(SecretMasker.KEY_FILE), workerState.resolve(SecretMasker.KEY_FILE), StandardCopyOption.COPY_ATTRIBUTES);
        // the manager's side creates the tables before the worker starts
        assertThat(run("history", "history", "--config", manager.toString())).isZero();

        Process ovh = worker("ovh-1", workerCfg);
        Map<String, String> ovhBefore;
        try {
            awaitLive(db, 1);
            assertThat(run("nightly", "run", "nightly", "--date", DAY, "--config", manager.toString()))
                    .as(Files.readString(tmp.resolve("nightly.log"))).isZero();
            Path workbook = managerState.resolve("reports/" + DAY + "/approvals-" + DAY + ".xlsx");
            List<Approvals.ChangeRow> all = Approvals.rows(workbook);
            String hetznerRow = all.stream().filter(r -> r.get("Server").equals("hetzner") && r.get("Type").equals("config")
                    && !r.get("Setting").isEmpty()).map(r -> r.get("Change ID")).findFirst().orElseThrow();
            Path approved = Approvals.approve(workbook, tmp.resolve("approved.xlsx"), "it",
                    r -> (r.get("Server").equals("ovh") && r.get("Type").equals("config")) || r.get("Change ID").equals(hetznerRow));
            long approvedRows = all.stream().filter(r -> (r.get("Server").equals("ovh") && r.get("Type").equals("config"))
                    || r.get("Change ID").equals(hetznerRow)).count();
            assertThat(approvedRows).isGreaterThan(2);
            ovhBefore = FileTrees.hashes(net.dir().resolve("hosts/ovh/instances"));

            // when: the worker dies (SIGKILL) while one of ovh's instances restarts
            Process deploy = PackagedJar.start(tmp.resolve("deploy.log"), "deploy", approved.toString(), "--config", manager.toString());
            WorkerProcesses.killWhen(ovh, db, "SELECT COUNT(*) FROM deployment_instance WHERE server = 'ovh' AND state = 'RESTARTING'",
                    "an ovh instance restarted");
            assertThat(deploy.waitFor(90, TimeUnit.SECONDS)).as("the manager notices the dead worker").isTrue();
            String failed = Files.readString(tmp.resolve("deploy.log"));
            assertThat(deploy.exitValue()).as(failed).isEqualTo(1);
            assertThat(failed).contains("the worker for ovh").contains("homeamp restart");
            assertThat(query(db, "SELECT COUNT(*) FROM deployment WHERE result = 'COMPLETED'")).isZero();

            // then: with the worker back on the same state dir, the restart finishes the deployment there
            ovh = worker("ovh-2", workerCfg);
            awaitLive(db, 1);
            assertThat(run("restart", "restart", "--config", manager.toString())).as(Files.readString(tmp.resolve("restart.log"))).isZero();
        } finally {
            stop(ovh);
        }

        String id = rows(db, "SELECT deployment_id FROM deployment").get(0);
        assertThat(rows(db, "SELECT result FROM deployment")).containsExactly("COMPLETED");
        assertThat(query(db, "SELECT COUNT(*) FROM deployment_row WHERE result = 'APPLIED'"))
                .isEqualTo(query(db, "SELECT COUNT(*) FROM deployment_row")).isGreaterThan(2);
        assertThat(rows(db, "SELECT DISTINCT state_host FROM deployment_instance WHERE server = 'ovh'"))
                .containsExactly(StateHosts.of(workerState));
        assertThat(rows(db, "SELECT state FROM deployment_instance")).containsOnly("HEALTHY");
        // the interrupted instance may restart once more; no other instance restarts twice
        assertThat(query(db, "SELECT MAX(restarts) FROM deployment_instance")).isBetween(1L, 2L);
        assertThat(query(db, "SELECT COUNT(*) FROM deployment_instance WHERE restarts > 1")).isLessThanOrEqualTo(1);

        // exactly the planned files changed, to exactly the planned bytes; each backup holds the bytes before
        Map<String, String> ovhAfter = FileTrees.hashes(net.dir().resolve("hosts/ovh/instances"));
        Map<String, String> planned = new TreeMap<>();
        for (String f : rows(db, "SELECT instance_name || '/Minecraft/' || path || '|' || COALESCE(sha256_before, '') || '|'"
                + " || COALESCE(sha256_after, '') FROM deployment_file WHERE server = 'ovh'")) {
            String[] p = f.split("\\|", -1);
            planned.put(p[0], p[2]);
            assertThat(ovhAfter.get(p[0])).as(p[0]).isEqualTo(p[2].isEmpty() ? null : p[2]);
            if (!p[1].isEmpty()) {
                String instance = p[0].substring(0, p[0].indexOf('/'));
                Path backup = workerState.resolve("backups").resolve(id).resolve("ovh").resolve(instance)
                        .resolve(p[0].substring(p[0].indexOf("/Minecraft/") + "/Minecraft/".length()));
                assertThat(FileTrees.sha256(Files.readAllBytes(backup))).as("backup of " + p[0]).isEqualTo(p[1]).isEqualTo(ovhBefore.get(p[0]));
            }
        }
        assertThat(planned).isNotEmpty();
        Map<String, String> unplanned = new TreeMap<>(ovhAfter);
        unplanned.keySet().removeAll(planned.keySet());
        Map<String, String> unplannedBefore = new TreeMap<>(ovhBefore);
        unplannedBefore.keySet().removeAll(planned.keySet());
        assertThat(unplanned).as("nothing else changed").isEqualTo(unplannedBefore);
        assertThat(managerState.resolve("backups").resolve(id).resolve("ovh")).doesNotExist();
        assertThat(managerState.resolve("backups").resolve(id).resolve("hetzner")).isDirectory();
        try (Stream<Path> files = Files.walk(net.dir().resolve("hosts"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("homeamp-tmp") || n.endsWith(".tmp"));
        }
    }

    private int run(String log, String... args) throws Exception {
        return PackagedJar.run(tmp.resolve(log + ".log"), args);
    }

    private Process worker(String log, Path config) throws Exception {
        return WorkerProcesses.worker(tmp.resolve(log + ".log"), config, "ovh");
    }
}
