package org.homeamp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeamp.it.WorkerProcesses.awaitLive;
import static org.homeamp.it.WorkerProcesses.awaitNone;
import static org.homeamp.it.WorkerProcesses.query;
import static org.homeamp.it.WorkerProcesses.rows;
import static org.homeamp.it.WorkerProcesses.stop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.homeamp.drift.SecretMasker;
import org.homeamp.testing.EmbeddedPostgresDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar on a real PostgreSQL: a manager and one {@code homeamp worker} process per server
 * on loopback, sharing only the database. The result equals a single-host run; a manager killed with
 * SIGKILL while the workers are busy resumes with {@code homeamp restart} without sending finished
 * partitions again; a worker killed with
 * SIGKILL in the middle of a partition makes the run fail within the heartbeat limit, and after the
 * worker is started again {@code homeamp restart} completes it with the same result.
 */
class WorkerIT {
    private static final String DAY = "2026-11-20";

    @TempDir
    Path tmp;

    @Test
    void managerAndTwoWorkersGiveTheSingleHostResultAndAKilledWorkersPartitionIsRedoneByRestart() throws Exception {
        DemoNetwork net = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 24, 14, false);
        String singleDb = EmbeddedPostgresDb.createDatabase("worker_it_single");
        String sharedDb = EmbeddedPostgresDb.createDatabase("worker_it_shared");
        Path single = WorkerProcesses.config(net, "single", "./single-state", singleDb);
        Path manager = WorkerProcesses.config(net, "manager", "./state", sharedDb);
        Path workerOvh = WorkerProcesses.config(net, "worker-ovh", "./ovh-state", sharedDb);
        Path workerHetzner = WorkerProcesses.config(net, "worker-hetzner", "./hetzner-state", sharedDb);

        // given: the single-host result (no worker runs: every server is done by the one process)
        assertThat(run("single-discovery", "run", "discovery", "--date", DAY, "--config", single.toString())).isZero();
        assertThat(run("single-drift", "run", "drift-scan", "--date", DAY, "--config", single.toString())).isZero();
        Path key = net.dir().resolve("single-state").resolve(SecretMasker.KEY_FILE);
        for (String state : List.of("state", "ovh-state", "hetzner-state")) {
            Path dir = Files.createDirectories(net.dir().resolve(state));
            Files.copy(key, dir.resolve(SecretMasker.KEY_FILE), StandardCopyOption.COPY_ATTRIBUTES);
        }
        // the manager's side creates the tables before the workers start (a worker never creates or migrates tables)
        assertThat(run("manager-history", "history", "--config", manager.toString())).isZero();

        Process ovh = worker("ovh-1", workerOvh, "ovh");
        Process hetzner = worker("hetzner-1", workerHetzner, "hetzner");
        long killedPid = -1;
        try {
            awaitLive(sharedDb, 2);
            // when: the manager is killed (SIGKILL) in the middle of discovery while the workers are busy with its partitions
            Process discovery = PackagedJar.start(tmp.resolve("manager-discovery.log"), "run", "discovery", "--date", DAY, "--config",
                    manager.toString());
            long total = killManagerWhenCompleted(discovery, sharedDb, "discoveryScanInstance:%", 2);
            assertThat(Files.readString(tmp.resolve("manager-discovery.log"))).contains("ovh: served by worker").contains("hetzner: served by worker");
            // the workers are stopped too (SIGTERM: each finishes the partition it holds); the requests they had not taken stay queued
            stop(ovh);
            stop(hetzner);
            awaitNone(sharedDb, "SELECT COUNT(*) FROM batch_step_execution WHERE step_name LIKE 'discoveryScanInstance:%' AND status = 'STARTED'");
            List<String> doneBeforeRestart = rows(sharedDb, "SELECT step_name FROM batch_step_execution WHERE step_name LIKE"
                    + " 'discoveryScanInstance:%' AND status = 'COMPLETED' ORDER BY step_name");
            assertThat(doneBeforeRestart).isNotEmpty().hasSizeLessThan((int) total);

            // then: 'homeamp restart' resumes it, with no worker alive through the AMP API from the manager (the fallback);
            // no finished partition is sent (or run) again
            assertThat(run("discovery-restart", "restart", "--config", manager.toString()))
                    .as(Files.readString(tmp.resolve("discovery-restart.log"))).isZero();
            assertThat(Files.readString(tmp.resolve("discovery-restart.log"))).contains("ovh: fell back to amp-api: no live worker")
                    .contains("dropped").contains("partition request(s) left by an earlier attempt");
            assertThat(rows(sharedDb, "SELECT step_name FROM batch_step_execution WHERE step_name LIKE 'discoveryScanInstance:%'"
                    + " GROUP BY step_name HAVING COUNT(*) > 1 ORDER BY step_name")).doesNotContainAnyElementsOf(doneBeforeRestart);
            assertThat(query(sharedDb, "SELECT COUNT(DISTINCT step_name) FROM batch_step_execution WHERE step_name LIKE 'discoveryScanInstance:%'"
                    + " AND status = 'COMPLETED'")).isEqualTo(total);
            assertThat(rows(sharedDb, JARS)).isEqualTo(rows(singleDb, JARS));
            ovh = worker("ovh-1b", workerOvh, "ovh");
            hetzner = worker("hetzner-1b", workerHetzner, "hetzner");
            killedPid = ovh.pid();
            awaitLive(sharedDb, 2);

            // when: the drift scan runs with both workers, and the ovh worker is killed inside one of its partitions
            Process drift = PackagedJar.start(tmp.resolve("manager-drift.log"), "run", "drift-scan", "--date", DAY, "--config", manager.toString());
            killWhenStarted(ovh, sharedDb, "driftScanInstance:ovh/%");
            long leftStarted = query(sharedDb, "SELECT COUNT(*) FROM batch_step_execution WHERE step_name LIKE 'driftScanInstance:ovh/%' AND status IN ('STARTED', 'STARTING')");
            assertThat(leftStarted).isPositive();
            assertThat(drift.waitFor(90, TimeUnit.SECONDS)).as("the manager notices the dead worker").isTrue();
            String failed = Files.readString(tmp.resolve("manager-drift.log"));
            assertThat(drift.exitValue()).as(failed).isEqualTo(1);
            assertThat(failed).contains("the worker for ovh").contains("homeamp restart");

            // then: with the worker back, the restart finishes the run; the result is the single host's
            ovh = worker("ovh-2", workerOvh, "ovh");
            awaitLive(sharedDb, 2);
            int restart = run("restart", "restart", "--config", manager.toString());
            assertThat(restart).as(Files.readString(tmp.resolve("restart.log"))).isZero();

            assertThat(Files.readString(net.dir().resolve("state/reports/" + DAY + "/drift.json")))
                    .isEqualTo(Files.readString(net.dir().resolve("single-state/reports/" + DAY + "/drift.json")));
            assertThat(rows(sharedDb, JARS)).isEqualTo(rows(singleDb, JARS)).hasSizeGreaterThan(100);
            assertThat(rows(sharedDb, FINDINGS)).isEqualTo(rows(singleDb, FINDINGS)).isNotEmpty();
            assertThat(query(sharedDb, "SELECT COUNT(*) FROM batch_step_execution WHERE status IN ('STARTED', 'STARTING', 'STOPPING')")).isZero();
            // every ovh partition that completed was done by a worker, none twice
            assertThat(query(sharedDb, "SELECT COUNT(*) FROM (SELECT step_name FROM batch_step_execution WHERE status = 'COMPLETED'"
                    + " AND step_name LIKE 'driftScanInstance:%' GROUP BY step_name HAVING COUNT(*) > 1) d")).isZero();
            assertThat(Files.readString(tmp.resolve("ovh-2.log")) + Files.readString(tmp.resolve("ovh-1b.log"))).contains("running driftScanInstance:ovh/");
        } finally {
            stop(ovh);
            stop(hetzner);
        }
        // a worker stopped with SIGTERM takes its heartbeat row with it; only the killed one's stays (stale)
        assertThat(query(sharedDb, "SELECT COUNT(*) FROM worker_heartbeat WHERE pid <> " + killedPid)).isZero();
    }

    private static final String JARS = "SELECT server || '|' || instance_name || '|' || file_name || '|' || COALESCE(sha256, '') FROM plugin_jar"
            + " ORDER BY server, instance_name, file_name";
    private static final String FINDINGS = "SELECT finding_id || '|' || kind || '|' || state || '|' || COALESCE(actual, '') FROM drift_finding"
            + " ORDER BY server, instance_name, file, key_path, kind";

    private int run(String log, String... args) throws Exception {
        return PackagedJar.run(tmp.resolve(log + ".log"), args);
    }

    private Process worker(String log, Path config, String server) throws Exception {
        return WorkerProcesses.worker(tmp.resolve(log + ".log"), config, server);
    }

    private static void killWhenStarted(Process worker, String db, String stepPattern) throws Exception {
        WorkerProcesses.killWhen(worker, db, "SELECT COUNT(*) FROM batch_step_execution WHERE step_name LIKE '" + stepPattern
                + "' AND status = 'STARTED'", "a partition of " + stepPattern + " started");
    }

    /** Kills the manager once {@code atLeast} partitions completed; returns how many partitions the step has. */
    private static long killManagerWhenCompleted(Process manager, String db, String stepPattern, int atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!manager.isAlive()) {
                throw new AssertionError("the manager ended by itself (exit " + manager.exitValue() + ") before it could be killed");
            }
            if (query(db, "SELECT COUNT(*) FROM batch_step_execution WHERE step_name LIKE '" + stepPattern + "' AND status = 'COMPLETED'") >= atLeast) {
                manager.destroyForcibly();
                assertThat(manager.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(manager.exitValue()).isEqualTo(137);
                return query(db, "SELECT COUNT(DISTINCT step_name) FROM batch_step_execution WHERE step_name LIKE '" + stepPattern + "'");
            }
            Thread.sleep(10);
        }
        throw new AssertionError("fewer than " + atLeast + " partitions of " + stepPattern + " completed within 180 s");
    }
}
