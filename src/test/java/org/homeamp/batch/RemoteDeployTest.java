package org.homeamp.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.homeamp.config.ConfigException;
import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.homeamp.deploy.DeployService;
import org.homeamp.deploy.RollbackService;
import org.homeamp.testing.Approvals;
import org.homeamp.testing.DemoFixture;
import org.homeamp.testing.FileTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploy and rollback partitions on a {@code homeamp worker} (D-W5), on a real PostgreSQL: the worker
 * for ovh writes ovh's files locally, takes the backups into its own state dir (with the staged jar
 * the manager shipped through the database), and the rollback goes back to it; without it the
 * rollback is refused before anything is recorded. Later the worker prunes the old backups in its
 * state dir (D-W9).
 */
class RemoteDeployTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    @TempDir
    Path tmp;

    @Test
    void ovhsInstancesAreDeployedAndRolledBackByItsWorkerWithTheBackupInTheWorkersStateDir() throws Exception {
        DemoNetwork network = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 6, 14, false);
        Map<String, Object> db = RemotePartitioningTest.newDatabase("deploy");
        Path managerYml = RemotePartitioningTest.managerConfig(network, "manager", db);
        try (DemoFixture manager = DemoFixture.open(RemotePartitioningTest.copyNetwork(network, managerYml))) {
            Map<String, Object> workerDb = RemotePartitioningTest.workerRole(db);
            RemotePartitions remote = manager.context.getBean(RemotePartitions.class);
            Path workbook;
            Path approved;
            String update;
            try (RemotePartitioningTest.Worker ovh = RemotePartitioningTest.Worker.start(network, "ovh", workerDb)) {
                RemotePartitioningTest.waitUntil(() -> remote.liveWorkers().containsKey("ovh"), Duration.ofSeconds(30));
                RemotePartitioningTest.assertCompleted(manager.jobs().run(JobNames.NIGHTLY, DAY, List.of(), false));
                workbook = manager.settings().stateDir().resolve("reports").resolve(DAY.toString()).resolve("approvals-" + DAY + ".xlsx");
                List<Approvals.ChangeRow> rows = Approvals.rows(workbook);
                update = rows.stream().filter(r -> r.get("Server").equals("ovh") && r.get("Type").equals("plugin-update"))
                        .map(r -> r.get("Change ID")).findFirst().orElse(null);
                assertThat(update).as("the demo proposes a plugin update on ovh").isNotNull();
                assertThat(rows.stream().filter(r -> r.get("Server").equals("ovh") && r.get("Type").equals("config")).count()).isPositive();
            }
            // every ovh config row and one plugin update, and one hetzner row (no worker: the manager deploys it)
            List<Approvals.ChangeRow> rows = Approvals.rows(workbook);
            String hetznerRow = rows.stream().filter(r -> r.get("Server").equals("hetzner") && r.get("Type").equals("config")
                    && !r.get("Setting").isEmpty()).map(r -> r.get("Change ID")).findFirst().orElseThrow();
            approved = Approvals.approve(workbook, tmp.resolve("approved.xlsx"), "alice", r -> (r.get("Server").equals("ovh")
                    && r.get("Type").equals("config")) || r.get("Change ID").equals(update) || r.get("Change ID").equals(hetznerRow));
            Map<String, String> ovhBefore = FileTrees.hashes(network.dir().resolve("hosts/ovh/instances"));
            Map<String, String> hetznerBefore = FileTrees.hashes(network.dir().resolve("hosts/hetzner/instances"));
            Path workerState = network.dir().resolve("worker-ovh-state");
            String id;
            try (RemotePartitioningTest.Worker ovh = RemotePartitioningTest.Worker.start(network, "ovh", workerDb)) {
                RemotePartitioningTest.waitUntil(() -> remote.liveWorkers().containsKey("ovh"), Duration.ofSeconds(30));
                StringWriter out = new StringWriter();
                int exit = manager.context.getBean(DeployService.class).deploy(approved, List.of(), false, new PrintWriter(out, true));
                assertThat(exit).as(out.toString()).isEqualTo(DeployService.OK);
                id = manager.jdbc().queryForObject("SELECT deployment_id FROM deployment", String.class);

                // then: ovh's instances ran on the worker, with their files prepared and backed up in its state dir
                assertThat(ovh.worker.served()).isPositive();
                assertThat(RemotePartitioningTest.routing(manager, "deployInstances")).contains("ovh: served by worker")
                        .contains("hetzner: no live worker");
                List<String> hosts = manager.jdbc().queryForList("SELECT DISTINCT COALESCE(state_host, 'manager') FROM deployment_instance"
                        + " WHERE deployment_id = ? AND server = 'ovh'", String.class, id);
                assertThat(hosts).containsExactly(StateHosts.of(workerState));
                assertThat(manager.jdbc().queryForList("SELECT state_host FROM deployment_instance WHERE deployment_id = ? AND server = 'hetzner'",
                        String.class, id)).containsOnlyNulls().isNotEmpty();
                assertThat(workerState.resolve("backups").resolve(id).resolve("ovh")).isDirectory();
                assertThat(manager.settings().stateDir().resolve("backups").resolve(id).resolve("ovh")).doesNotExist();
                assertThat(manager.settings().stateDir().resolve("backups").resolve(id).resolve("hetzner")).isDirectory();
                // the new jar came to the worker through the database, and the rows went when the deployment finished
                assertThat(workerState.resolve("staging")).isDirectory();
                assertThat(manager.count("SELECT COUNT(*) FROM deployment_jar")).isZero();
                assertThat(manager.count("SELECT COUNT(*) FROM deployment_row WHERE deployment_id = ? AND result <> 'APPLIED'", id)).isZero();
                assertThat(manager.count("SELECT COUNT(*) FROM deployment_row WHERE deployment_id = ? AND type = 'plugin-update'", id)).isEqualTo(1);
                assertThat(FileTrees.hashes(network.dir().resolve("hosts/ovh/instances"))).isNotEqualTo(ovhBefore);
            }

            // when: the worker that holds ovh's backups is gone, the rollback is refused before anything is recorded
            RollbackService rollback = manager.context.getBean(RollbackService.class);
            assertThatThrownBy(() -> rollback.rollback(id, false, false, new PrintWriter(new StringWriter())))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("is not running").hasMessageContaining("homeamp worker");
            assertThat(manager.count("SELECT COUNT(*) FROM deployment WHERE kind = 'rollback'")).isZero();

            // and with the worker back (same state dir), the rollback restores ovh there and hetzner here, byte for byte
            try (RemotePartitioningTest.Worker ovh = RemotePartitioningTest.Worker.start(network, "ovh", workerDb)) {
                RemotePartitioningTest.waitUntil(() -> remote.liveWorkers().containsKey("ovh"), Duration.ofSeconds(30));
                StringWriter out = new StringWriter();
                int exit = rollback.rollback(id, false, false, new PrintWriter(out, true));
                assertThat(exit).as(out.toString()).isEqualTo(DeployService.OK);
                assertThat(ovh.worker.served()).isPositive();
            }
            assertThat(FileTrees.hashes(network.dir().resolve("hosts/ovh/instances"))).isEqualTo(ovhBefore);
            assertThat(FileTrees.hashes(network.dir().resolve("hosts/hetzner/instances"))).isEqualTo(hetznerBefore);

            // and later: the deployment is old, the rollback is the latest of each instance; the worker prunes the
            // deployment's backups in its own state dir (D-W9), but not while a job runs, and never the manager's
            String rollbackId = manager.jdbc().queryForObject("SELECT deployment_id FROM deployment WHERE kind = 'rollback'", String.class);
            manager.jdbc().update("UPDATE deployment SET started = started - INTERVAL '400 days', finished = finished - INTERVAL '400 days'"
                    + " WHERE deployment_id = ?", id);
            Path oldBackup = workerState.resolve("backups").resolve(id).resolve("ovh");
            try (RunLock job = RunLock.acquire(manager.settings());
                    RemotePartitioningTest.Worker ovh = RemotePartitioningTest.Worker.start(network, "ovh", workerDb)) {
                RemotePartitioningTest.waitUntil(() -> remote.liveWorkers().containsKey("ovh"), Duration.ofSeconds(30));
                ovh.context.getBean(WorkerChore.class).run();
                assertThat(oldBackup).as("not pruned while a job holds the lock").isDirectory();
            }
            try (RemotePartitioningTest.Worker ovh = RemotePartitioningTest.Worker.start(network, "ovh", workerDb)) {
                RemotePartitioningTest.waitUntil(() -> !Files.exists(oldBackup), Duration.ofSeconds(30));
            }
            assertThat(workerState.resolve("backups").resolve(id)).as("the emptied folder went too").doesNotExist();
            assertThat(workerState.resolve("deployments").resolve(id)).doesNotExist();
            assertThat(workerState.resolve("backups").resolve(rollbackId).resolve("ovh")).as("the latest of each instance is kept").isDirectory();
            assertThat(manager.settings().stateDir().resolve("backups").resolve(id).resolve("hetzner")).as("the manager's is the nightly's")
                    .isDirectory();
            assertThat(manager.count("SELECT COUNT(*) FROM deployment_instance WHERE deployment_id = ? AND server = 'ovh'"
                    + " AND state_host IS NOT NULL AND backup_pruned IS NULL AND state NOT IN ('PENDING', 'PREPARED', 'NOT_CHANGED')", id)).isZero();
            assertThat(manager.count("SELECT COUNT(*) FROM deployment_instance WHERE backup_pruned IS NOT NULL AND (deployment_id <> ?"
                    + " OR server <> 'ovh')", id)).isZero();
        }
    }
}
