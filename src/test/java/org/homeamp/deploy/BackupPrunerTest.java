package org.homeamp.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Predicate;

import org.homeamp.config.ConfigException;
import org.homeamp.testing.Approvals;
import org.homeamp.testing.DemoFixture;
import org.homeamp.testing.NightlyTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pruning of deployment backups (deploy.keep-backups-days): by age on a fixed clock, never the latest
 * backup of an instance, idempotent, mark-then-delete so a kill in between is finished by the next
 * run, and a rollback of a pruned deployment refused with the folder and the prune named.
 */
class BackupPrunerTest {
    private static final int KEEP_DAYS = 30;
    /** When the test says "now"; both deployments are moved to 100 and 99 days before it. */
    private static final Instant NOW = Instant.parse("2027-03-01T03:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void oldBackupsArePrunedExceptEachInstancesLatestAndRollbackOfAPrunedOneIsRefused() throws Exception {
        try (DemoFixture demo = NightlyTemplate.copyInto(tmp.resolve("demo"))) {
            Path workbook = NightlyTemplate.workbook(demo);
            // D1 touches hetzner/Lobby01 and ovh/Creative01; D2, later, ovh/Creative01 only
            String d1 = deploy(demo, workbook, "one.xlsx", r -> r.get("Setting").equals("view-distance") || r.get("Setting").equals("use-server-uuid-cache"));
            String d2 = deploy(demo, workbook, "two.xlsx", r -> r.get("Setting").equals("enable-rcon"));
            Backups backups = new Backups(demo.settings().stateDir());
            Path d1Lobby = backups.instanceBackupDir(d1, "hetzner", "Lobby01");
            Path d1Creative = backups.instanceBackupDir(d1, "ovh", "Creative01");
            Path d2Creative = backups.instanceBackupDir(d2, "ovh", "Creative01");
            assertThat(d1Lobby.resolve("server.properties")).exists();
            assertThat(d1Creative.resolve("plugins/LuckPerms/config.yml")).exists();
            assertThat(d2Creative.resolve("server.properties")).exists();
            finishedDaysBefore(demo, d1, 100);
            finishedDaysBefore(demo, d2, 99);
            DeploymentStore store = demo.context.getBean(DeploymentStore.class);

            // young enough: 100 days old is within 120 days, nothing goes
            BackupPruner.Result young = new BackupPruner(store, backups, 120, Clock.fixed(NOW, ZoneOffset.UTC)).prune();
            assertThat(young.pruned()).isZero();
            assertThat(store.prunedBackups(d1)).isEmpty();

            // a backup a worker took (D-W5) is that worker's to prune (D-W9), never the manager's
            String workerHost = "ovh-1:" + demo.settings().stateDir().toAbsolutePath();
            demo.jdbc().update("UPDATE deployment_instance SET state_host = ? WHERE deployment_id = ? AND server = 'ovh'", workerHost, d1);
            BackupPruner pruner = new BackupPruner(store, backups, KEEP_DAYS, Clock.fixed(NOW, ZoneOffset.UTC));
            assertThat(pruner.prune()).isEqualTo(new BackupPruner.Result(0, 2, 0));
            assertThat(d1Creative).exists();
            BackupPruner.Result first = new BackupPruner(store, backups, KEEP_DAYS, Clock.fixed(NOW, ZoneOffset.UTC), workerHost).prune();
            assertThat(first).as("the worker's prune looks only at its own").isEqualTo(new BackupPruner.Result(1, 0, 0));
            assertThatThrownBy(() -> demo.context.getBean(RollbackService.class).rollback(d1, false, false, new PrintWriter(new StringWriter())))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("(backups/" + d1 + "/ovh/Creative01 in the state dir " + demo.settings().stateDir().toAbsolutePath()
                            + " on ovh-1) was pruned by the worker there on 2027-03-01")
                    .hasMessageContaining("deploy.keep-backups-days of that host's homeamp.yml");
            demo.jdbc().update("UPDATE deployment_instance SET state_host = NULL WHERE deployment_id = ?", d1);

            assertThat(d1Creative).doesNotExist();
            assertThat(backups.manifestFile(d1, "ovh", "Creative01")).doesNotExist();
            assertThat(backups.preparedRoot(d1).resolve("ovh/Creative01")).doesNotExist();
            assertThat(d1Lobby.resolve("server.properties")).as("D1 is still the latest deployment of hetzner/Lobby01").exists();
            assertThat(d2Creative.resolve("server.properties")).as("D2 is the latest deployment of ovh/Creative01").exists();
            assertThat(store.prunedBackups(d1)).containsOnlyKeys("ovh/Creative01");
            assertThat(store.prunedBackups(d2)).isEmpty();
            DeploymentHistory history = demo.context.getBean(DeploymentHistory.class);
            assertThat(history.oneText(history.one(d1).orElseThrow())).contains("ovh/Creative01: healthy, 1 restart(s), backup pruned 2027-03-01");

            // the same night again, or the next: nothing more to do
            BackupPruner.Result again = pruner.prune();
            assertThat(again).isEqualTo(new BackupPruner.Result(0, 2, 0));
            assertThat(d1Lobby.resolve("server.properties")).exists();

            assertThatThrownBy(() -> demo.context.getBean(RollbackService.class).rollback(d1, false, false, new PrintWriter(new StringWriter())))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("deployment " + d1 + " cannot be rolled back")
                    .hasMessageContaining("backups/" + d1 + "/ovh/Creative01")
                    .hasMessageContaining("was pruned by the nightly on 2027-03-01")
                    .hasMessageContaining("deploy.keep-backups-days = ");
            assertThat(Files.readString(demo.network.dir().resolve("hosts/hetzner/instances/Lobby01/Minecraft/server.properties")))
                    .as("nothing was restored").contains("view-distance=8");
        }
    }

    @Test
    void aPruneKilledBetweenMarkAndDeleteIsFinishedByTheNextAndRollbackTrustsTheMarkNotTheFiles() throws Exception {
        try (DemoFixture demo = NightlyTemplate.copyInto(tmp.resolve("demo"))) {
            Path workbook = NightlyTemplate.workbook(demo);
            String d1 = deploy(demo, workbook, "one.xlsx", r -> r.get("Setting").equals("enable-rcon"));
            String d2 = deploy(demo, workbook, "two.xlsx", r -> r.get("Setting").equals("use-server-uuid-cache"));
            finishedDaysBefore(demo, d1, 100);
            finishedDaysBefore(demo, d2, 99);
            DeploymentStore store = demo.context.getBean(DeploymentStore.class);
            Backups backups = new Backups(demo.settings().stateDir());
            Path d1Creative = backups.instanceBackupDir(d1, "ovh", "Creative01");
            // what a kill -9 right after the mark was committed leaves: marked, every file still there
            store.markBackupPruned(d1, "ovh", "Creative01", OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
            assertThat(d1Creative.resolve("server.properties")).exists();

            assertThatThrownBy(() -> demo.context.getBean(RollbackService.class).rollback(d1, false, false, new PrintWriter(new StringWriter())))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("was pruned");

            BackupPruner.Result next = new BackupPruner(store, backups, KEEP_DAYS, Clock.fixed(NOW.plus(Duration.ofDays(1)), ZoneOffset.UTC)).prune();

            assertThat(next.leftoversDeleted()).isEqualTo(1);
            assertThat(next.pruned()).isZero();
            assertThat(backups.backupRoot(d1)).as("the deployment's folder goes once it is empty").doesNotExist();
            assertThat(backups.instanceBackupDir(d2, "ovh", "Creative01").resolve("plugins/LuckPerms/config.yml")).exists();
        }
    }

    @Test
    void anUnfinishedDeploymentKeepsItsBackupHoweverOld() throws Exception {
        try (DemoFixture demo = NightlyTemplate.copyInto(tmp.resolve("demo"))) {
            Path workbook = NightlyTemplate.workbook(demo);
            String d1 = deploy(demo, workbook, "one.xlsx", r -> r.get("Setting").equals("enable-rcon"));
            String d2 = deploy(demo, workbook, "two.xlsx", r -> r.get("Setting").equals("use-server-uuid-cache"));
            finishedDaysBefore(demo, d1, 100);
            finishedDaysBefore(demo, d2, 99);
            // as a deploy that failed and waits for 'homeamp restart' is recorded
            demo.jdbc().update("UPDATE deployment SET result = 'FAILED' WHERE deployment_id = ?", d1);
            Backups backups = new Backups(demo.settings().stateDir());

            BackupPruner.Result result = new BackupPruner(demo.context.getBean(DeploymentStore.class), backups, KEEP_DAYS,
                    Clock.fixed(NOW, ZoneOffset.UTC)).prune();

            assertThat(result.pruned()).isZero();
            assertThat(backups.instanceBackupDir(d1, "ovh", "Creative01").resolve("server.properties")).exists();
        }
    }

    @Test
    void whenTheLatestDeploymentRolledItselfBackTheOneWhoseChangesAreLiveKeepsItsBackup() throws Exception {
        try (DemoFixture demo = NightlyTemplate.copyInto(tmp.resolve("demo"))) {
            Path workbook = NightlyTemplate.workbook(demo);
            String d1 = deploy(demo, workbook, "one.xlsx", r -> r.get("Setting").equals("enable-rcon"));
            String d2 = deploy(demo, workbook, "two.xlsx", r -> r.get("Setting").equals("use-server-uuid-cache"));
            finishedDaysBefore(demo, d1, 100);
            finishedDaysBefore(demo, d2, 99);
            // D2's health check failed on ovh/Creative01 and its backup was restored: what runs there is D1's change
            demo.jdbc().update("UPDATE deployment_instance SET state = 'ROLLED_BACK' WHERE deployment_id = ? AND server = 'ovh'"
                    + " AND instance_name = 'Creative01'", d2);
            Backups backups = new Backups(demo.settings().stateDir());

            BackupPruner.Result result = new BackupPruner(demo.context.getBean(DeploymentStore.class), backups, KEEP_DAYS,
                    Clock.fixed(NOW, ZoneOffset.UTC)).prune();

            assertThat(result.pruned()).isZero();
            assertThat(backups.instanceBackupDir(d1, "ovh", "Creative01").resolve("server.properties"))
                    .as("D1's changes are the live ones on ovh/Creative01; its rollback needs this backup").exists();
            assertThat(backups.instanceBackupDir(d2, "ovh", "Creative01").resolve("plugins/LuckPerms/config.yml")).exists();
        }
    }

    @Test
    void anInstanceNameThatClimbsOutOfItsFolderNeverMakesThePruneDeleteAParent() throws Exception {
        try (DemoFixture demo = NightlyTemplate.copyInto(tmp.resolve("demo"))) {
            Path workbook = NightlyTemplate.workbook(demo);
            String d1 = deploy(demo, workbook, "one.xlsx", r -> r.get("Setting").equals("enable-rcon"));
            String d2 = deploy(demo, workbook, "two.xlsx", r -> r.get("Setting").equals("use-server-uuid-cache"));
            finishedDaysBefore(demo, d1, 100);
            finishedDaysBefore(demo, d2, 99);
            // an instance name as a host could report it: backups/<D1>/ovh/../.. is backups/ itself
            for (String id : List.of(d1, d2)) {
                demo.jdbc().update("INSERT INTO deployment_instance (deployment_id, server, instance_name, state, restarts, updated)"
                        + " VALUES (?, 'ovh', '../..', 'HEALTHY', 1, CURRENT_TIMESTAMP)", id);
            }
            Backups backups = new Backups(demo.settings().stateDir());

            new BackupPruner(demo.context.getBean(DeploymentStore.class), backups, KEEP_DAYS, Clock.fixed(NOW, ZoneOffset.UTC)).prune();

            assertThat(backups.instanceBackupDir(d2, "ovh", "Creative01").resolve("plugins/LuckPerms/config.yml"))
                    .as("the latest backup of ovh/Creative01 is still there").exists();
            assertThat(demo.settings().stateDir().resolve("deployments")).isDirectory();
            assertThat(demo.context.getBean(DeploymentStore.class).prunedBackups(d1)).doesNotContainKey("ovh/../..");
        }
    }

    // ------------------------------------------------------------------ helpers

    private String deploy(DemoFixture demo, Path workbook, String name, Predicate<Approvals.ChangeRow> which) {
        Path approved = Approvals.approve(workbook, tmp.resolve(name), "pat", which);
        StringWriter out = new StringWriter();
        int exit = demo.context.getBean(DeployService.class).deploy(approved, List.of(), false, new PrintWriter(out, true));
        assertThat(exit).as(out.toString()).isEqualTo(DeployService.OK);
        return demo.jdbc().queryForObject("SELECT deployment_id FROM deployment WHERE workbook_path = ?", String.class,
                approved.toAbsolutePath().toString());
    }

    private static void finishedDaysBefore(DemoFixture demo, String id, int days) {
        OffsetDateTime when = OffsetDateTime.ofInstant(NOW.minus(Duration.ofDays(days)), ZoneOffset.UTC);
        demo.jdbc().update("UPDATE deployment SET started = ?, finished = ? WHERE deployment_id = ?", when.minusMinutes(5), when, id);
    }
}
