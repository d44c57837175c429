package org.homeamp.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.homeamp.testing.DemoFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;

/**
 * A kill -9 after a partition's step execution was stored and before its execution context was
 * (one of the moments a real kill inside a partitioned step can hit): the restart rebuilds the
 * partition from the run's work list and completes, for every partitioned job.
 */
class HalfStoredPartitionRestartTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final Map<String, Object> KILLABLE = Map.of("spring.main.sources", KilledRepository.class.getName());

    @TempDir
    Path tmp;

    @AfterEach
    void disarm() {
        KilledRepository.disarm();
    }

    @Test
    void discoveryKilledWhileStoringAPartitionResumesAndInventoriesEveryJarOnce() throws Exception {
        DemoNetwork network = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 6, 14, false);
        long expectedJars;
        try (DemoFixture clean = DemoFixture.start(tmp.resolve("clean"), 6, 14)) {
            clean.jobs().run(JobNames.DISCOVERY, DAY, List.of(), false);
            expectedJars = clean.count("SELECT COUNT(*) FROM plugin_jar");
        }
        killDuring(network, JobNames.DISCOVERY, "discoveryScanInstance", List.of());

        try (DemoFixture demo = DemoFixture.open(network)) {
            RunOutcome resumed = demo.jobs().restart(null);

            assertThat(resumed.status()).as(resumed.message()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(demo.count("SELECT COUNT(*) FROM plugin_jar")).isEqualTo(expectedJars);
            assertThat(demo.count("SELECT COUNT(*) FROM inventory_event WHERE event = 'ADDED'")).isEqualTo(expectedJars);
        }
    }

    @Test
    void driftScanKilledWhileStoringAPartitionResumesWithTheFindingsOfAnUninterruptedScan() throws Exception {
        DemoNetwork network = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 6, 14, false);
        List<String> expected;
        try (DemoFixture clean = DemoFixture.start(tmp.resolve("clean"), 6, 14)) {
            clean.jobs().run(JobNames.DISCOVERY, DAY, List.of(), false);
            clean.jobs().run(JobNames.DRIFT_SCAN, DAY, List.of(), false);
            expected = findings(clean);
            // one installation key for both state dirs, so that secret fingerprints compare
            java.nio.file.Path state = java.nio.file.Files.createDirectories(network.dir().resolve("state"));
            java.nio.file.Files.copy(clean.settings().stateDir().resolve(org.homeamp.drift.SecretMasker.KEY_FILE),
                    state.resolve(org.homeamp.drift.SecretMasker.KEY_FILE), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        killDuring(network, JobNames.DRIFT_SCAN, "driftScanInstance", List.of(JobNames.DISCOVERY));

        try (DemoFixture demo = DemoFixture.open(network)) {
            RunOutcome resumed = demo.jobs().restart(null);

            assertThat(resumed.status()).as(resumed.message()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(findings(demo)).isNotEmpty().isEqualTo(expected);
        }
    }

    @Test
    void updateCheckKilledWhileStoringAPartitionResumesWithTheResultsOfAnUninterruptedCheck() throws Exception {
        DemoNetwork network = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 6, 14, false);
        List<String> expected;
        try (DemoFixture clean = DemoFixture.start(tmp.resolve("clean"), 6, 14)) {
            clean.jobs().run(JobNames.DISCOVERY, DAY, List.of(), false);
            clean.jobs().run(JobNames.UPDATE_CHECK, DAY, List.of(), false);
            expected = updateResults(clean);
        }
        killDuring(network, JobNames.UPDATE_CHECK, "updateCheckPart", List.of(JobNames.DISCOVERY));

        try (DemoFixture demo = DemoFixture.open(network)) {
            RunOutcome resumed = demo.jobs().restart(null);

            assertThat(resumed.status()).as(resumed.message()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(updateResults(demo)).isNotEmpty().isEqualTo(expected);
        }
    }

    /** Runs {@code before} cleanly, then {@code job} until the kill; checks that the kill left a half-stored partition. */
    private static void killDuring(DemoNetwork network, String job, String worker, List<String> before) {
        try (DemoFixture demo = DemoFixture.open(network, KILLABLE)) {
            for (String b : before) {
                RunOutcome done = demo.jobs().run(b, DAY, List.of(), false);
                assertThat(done.status()).as(done.message()).isEqualTo(BatchStatus.COMPLETED);
            }
            KilledRepository.arm(worker, 2);

            catchThrowable(() -> demo.jobs().run(job, DAY, List.of(), false));
            forgetTheDeadJobsThreadState();

            assertThat(KilledRepository.killed()).isTrue();
            KilledRepository.disarm();
            assertThat(demo.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'STARTED'")).isEqualTo(1);
            JobRepository repo = demo.context.getBean(JobRepository.class);
            List<Long> partitions = demo.jdbc().queryForList(
                    "SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE ? ORDER BY STEP_EXECUTION_ID", Long.class, worker + ":%");
            long halfStored = partitions.stream().filter(id -> repo.getStepExecution(id).getExecutionContext().isEmpty()).count();
            assertThat(partitions).hasSize(2);
            assertThat(halfStored).isEqualTo(1);
        }
    }

    /** The killed job's step and job scopes stayed registered on this thread; a dead process has none. */
    private static void forgetTheDeadJobsThreadState() {
        while (StepSynchronizationManager.getContext() != null) {
            StepSynchronizationManager.close();
        }
        while (JobSynchronizationManager.getContext() != null) {
            JobSynchronizationManager.close();
        }
    }

    private static List<String> findings(DemoFixture demo) {
        return demo.jdbc().queryForList("""
                SELECT finding_id || '|' || kind || '|' || state || '|' || COALESCE(actual, '') FROM drift_finding
                 ORDER BY server, instance_name, file, key_path, kind""", String.class);
    }

    private static List<String> updateResults(DemoFixture demo) {
        return demo.jdbc().queryForList("""
                SELECT server || '|' || instance_name || '|' || plugin || '|' || state || '|' || COALESCE(latest, '') FROM update_result
                 ORDER BY server, instance_name, plugin""", String.class);
    }
}
