package org.homeamp.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.RunOutcome;
import org.homeamp.testing.DemoFixture;
import org.homeamp.testing.TestJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

/** The discovery job against a generated demo network and its simulated AMP hosts. */
class DiscoveryJobTest {
    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 20);
    private static final LocalDate DAY2 = LocalDate.of(2026, 11, 21);

    @TempDir
    Path tmp;

    @Test
    void fullRunInventoriesEveryJarOnBothServersOnce() throws Exception {
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo"), 6, 14)) {
            // when
            RunOutcome outcome = demo.jobs().run(JobNames.DISCOVERY, DAY1, List.of(), false);

            // then
            assertThat(outcome.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(demo.count("SELECT COUNT(*) FROM plugin_jar")).isEqualTo(jarsOnDisk(demo));
            assertThat(demo.count("SELECT COUNT(DISTINCT server) FROM plugin_jar")).isEqualTo(2);
            assertThat(demo.count("SELECT COUNT(*) FROM inventory_event WHERE event = 'ADDED'")).isEqualTo(jarsOnDisk(demo));
            assertThat(demo.count("SELECT COUNT(*) FROM plugin_jar WHERE status = 'CORRUPT'")).isEqualTo(1);
            assertThat(demo.count("SELECT COUNT(*) FROM plugin_jar WHERE status = 'NO_DESCRIPTOR'")).isEqualTo(1);
            assertThat(demo.count("SELECT COUNT(*) FROM plugin_jar WHERE status = 'OK' AND (sha512 IS NULL OR plugin_name IS NULL)")).isZero();
            assertThat(demo.count("SELECT COUNT(*) FROM problem WHERE kind = 'ORPHAN_FOLDER' AND instance_name = 'OldHub01'")).isEqualTo(1);
            assertThat(demo.count("SELECT COUNT(*) FROM instance")).isEqualTo(demo.network.instances());
            // the GenericModule (Geyser) row on hetzner is not a Minecraft instance
            assertThat(demo.count("SELECT COUNT(*) FROM instance WHERE LOWER(instance_name) LIKE '%geyser%'")).isZero();
            assertThat(demo.count("SELECT COUNT(*) FROM discovery_work")).isZero();
        }
    }

    @Test
    void secondRunKeepsHistoryAddedChangedRemoved() throws Exception {
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo"), 6, 14)) {
            demo.jobs().run(JobNames.DISCOVERY, DAY1, List.of(), false);
            Path plugins = localInstance(demo).resolve("Minecraft/plugins");
            Path removed = firstJar(plugins);
            String removedName = removed.getFileName().toString();
            Files.delete(removed);
            TestJars.plugin(plugins.resolve("Brand-New-1.0.jar"), "BrandNew", "1.0");
            Path changed = lastJar(plugins);
            TestJars.plugin(changed, "Changed", "9.9");
            String instance = plugins.getParent().getParent().getFileName().toString();

            RunOutcome outcome = demo.jobs().run(JobNames.DISCOVERY, DAY2, List.of(), false);

            assertThat(outcome.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(demo.count("SELECT COUNT(*) FROM inventory_event WHERE run_date = ? AND event = 'REMOVED' AND file_name = ?", DAY2, removedName))
                    .isEqualTo(1);
            assertThat(demo.count("SELECT COUNT(*) FROM inventory_event WHERE run_date = ? AND event = 'ADDED'", DAY2)).isEqualTo(1);
            assertThat(demo.count("SELECT COUNT(*) FROM inventory_event WHERE run_date = ? AND event = 'CHANGED' AND file_name = ?", DAY2,
                    changed.getFileName().toString())).isEqualTo(1);
            assertThat(demo.count("SELECT COUNT(*) FROM plugin_jar WHERE instance_name = ? AND file_name = ? AND removed_on = ?", instance,
                    removedName, DAY2)).isEqualTo(1);
            assertThat(demo.count("SELECT COUNT(*) FROM plugin_jar WHERE removed_on IS NULL AND first_seen = ? AND last_seen = ?", DAY1, DAY2))
                    .isEqualTo(jarsOnDisk(demo) - 1);
        }
    }

    @Test
    void completedDateIsNotRunAgainUnlessRerun() throws Exception {
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo"), 6, 14)) {
            RunOutcome first = demo.jobs().run(JobNames.DISCOVERY, DAY1, List.of(), false);

            RunOutcome again = demo.jobs().run(JobNames.DISCOVERY, DAY1, List.of(), false);
            RunOutcome rerun = demo.jobs().run(JobNames.DISCOVERY, DAY1, List.of(), true);

            assertThat(again.ran()).isFalse();
            assertThat(again.message()).contains("already completed").contains("--rerun");
            assertThat(again.executionId()).isEqualTo(first.executionId());
            assertThat(rerun.ran()).isTrue();
            assertThat(rerun.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(rerun.executionId()).isNotEqualTo(first.executionId());
        }
    }

    @Test
    void unreachableAmpApiServerFailsTheRunAndRestartFinishesOnlyWhatIsMissing() throws Exception {
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo"), 6, 14)) {
            // given: ovh's AMP is down (its simulator stopped)
            demo.hosts.simulator("ovh").close();

            // when
            RunOutcome failed = demo.jobs().run(JobNames.DISCOVERY, DAY1, List.of(), false);

            // then: hetzner was inventoried, the run failed naming ovh, with the restart line
            assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
            assertThat(failed.message()).contains("ovh").contains("homeamp restart " + failed.executionId());
            long hetznerJars = demo.count("SELECT COUNT(*) FROM plugin_jar WHERE server = 'hetzner'");
            assertThat(hetznerJars).isPositive();
            assertThat(demo.count("SELECT COUNT(*) FROM plugin_jar WHERE server = 'ovh'")).isZero();
        }
        // when: AMP is back (a new process with the simulators running) and the operator restarts
        try (DemoFixture demo = DemoFixture.open(new org.homeamp.demo.DemoNetworkGenerator().generate(tmp.resolve("demo"), 6, 14, false))) {
            long hetznerEventsBefore = demo.count("SELECT COUNT(*) FROM inventory_event WHERE server = 'hetzner'");
            RunOutcome resumed = demo.jobs().restart(null);

            // then: ovh is inventoried, hetzner's partitions were not run again, every jar once
            assertThat(resumed.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(demo.count("SELECT COUNT(*) FROM plugin_jar")).isEqualTo(jarsOnDisk(demo));
            assertThat(demo.count("SELECT COUNT(*) FROM inventory_event WHERE server = 'hetzner'")).isEqualTo(hetznerEventsBefore);
            assertThat(demo.count("SELECT COUNT(*) FROM inventory_event WHERE event = 'ADDED'")).isEqualTo(jarsOnDisk(demo));
            assertThat(demo.count("""
                    SELECT COUNT(*) FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION e ON s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
                     WHERE e.JOB_EXECUTION_ID = ? AND s.STEP_NAME LIKE 'discoveryScanInstance:hetzner/%'""", resumed.executionId())).isZero();
            assertThat(demo.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTED','STARTING')")).isZero();
        }
    }

    @Test
    void runningAFailedDateAgainResumesIt() throws Exception {
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo"), 6, 14)) {
            demo.hosts.simulator("ovh").control().setInstanceRunning("Creative01", false);
            demo.hosts.simulator("ovh").close();
            RunOutcome failed = demo.jobs().run(JobNames.DISCOVERY, DAY1, List.of(), false);
            assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
        }
        try (DemoFixture demo = DemoFixture.open(new org.homeamp.demo.DemoNetworkGenerator().generate(tmp.resolve("demo"), 6, 14, false))) {
            RunOutcome again = demo.jobs().run(JobNames.DISCOVERY, DAY1, List.of(), false);

            assertThat(again.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(demo.count("SELECT COUNT(DISTINCT JOB_INSTANCE_ID) FROM BATCH_JOB_EXECUTION")).isEqualTo(1);
            assertThat(demo.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).isEqualTo(2);
            assertThat(demo.count("SELECT COUNT(*) FROM plugin_jar")).isEqualTo(jarsOnDisk(demo));
        }
    }

    private static long jarsOnDisk(DemoFixture demo) throws Exception {
        // every *.jar under each Minecraft instance's plugins/ folder, on both hosts, except orphan folders
        long n = 0;
        for (String server : List.of("hetzner", "ovh")) {
            Path instances = demo.network.dir().resolve("hosts").resolve(server).resolve("instances");
            try (Stream<Path> dirs = Files.list(instances)) {
                for (Path inst : dirs.filter(d -> !d.getFileName().toString().equals("OldHub01")).toList()) {
                    Path plugins = inst.resolve("Minecraft/plugins");
                    if (Files.isDirectory(plugins)) {
                        try (Stream<Path> jars = Files.list(plugins)) {
                            n += jars.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".jar") && Files.isRegularFile(p)).count();
                        }
                    }
                }
            }
        }
        return n;
    }

    private static Path localInstance(DemoFixture demo) throws Exception {
        try (Stream<Path> dirs = Files.list(demo.network.dir().resolve("hosts/hetzner/instances"))) {
            return dirs.filter(d -> !d.getFileName().toString().equals("OldHub01")).sorted().findFirst().orElseThrow();
        }
    }

    private static Path lastJar(Path plugins) throws Exception {
        try (Stream<Path> s = Files.list(plugins)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted(java.util.Comparator.reverseOrder()).findFirst().orElseThrow();
        }
    }

    private static Path firstJar(Path plugins) throws Exception {
        try (Stream<Path> s = Files.list(plugins)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().findFirst().orElseThrow();
        }
    }
}
