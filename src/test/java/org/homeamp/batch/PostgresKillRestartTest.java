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
import org.homeamp.testing.EmbeddedPostgresDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;

/**
 * The update check (where the nightly failed on PostgreSQL) killed at the moment a partition was
 * stored but not its context, with PostgreSQL as the job repository: the job is left STARTED, the
 * restart recovers it and ends with the results of an uninterrupted check.
 */
class PostgresKillRestartTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final Map<String, Object> KILLABLE = Map.of("spring.main.sources", KilledRepository.class.getName());

    @RegisterExtension
    static final EmbeddedPostgresDb pg = new EmbeddedPostgresDb();

    @TempDir
    Path tmp;

    @AfterEach
    void disarm() {
        KilledRepository.disarm();
    }

    @Test
    void updateCheckKilledMidPartitionOnPostgresResumesToTheResultsOfAnUninterruptedCheck() throws Exception {
        List<String> expected;
        try (DemoFixture clean = DemoFixture.start(tmp.resolve("clean"), 6, 14)) {
            clean.jobs().run(JobNames.DISCOVERY, DAY, List.of(), false);
            clean.jobs().run(JobNames.UPDATE_CHECK, DAY, List.of(), false);
            expected = updateResults(clean);
        }
        DemoNetwork network = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 6, 14, false);
        pg.writeDatasource(network.configFile());
        long checkedBeforeKill;
        try (DemoFixture demo = DemoFixture.open(network, KILLABLE)) {
            assertThat(demo.jobs().run(JobNames.DISCOVERY, DAY, List.of(), false).status()).isEqualTo(BatchStatus.COMPLETED);
            KilledRepository.arm("updateCheckPart", 2);
            catchThrowable(() -> demo.jobs().run(JobNames.UPDATE_CHECK, DAY, List.of(), false));
            forgetTheDeadJobsThreadState();
            assertThat(KilledRepository.killed()).isTrue();
            KilledRepository.disarm();
            assertThat(demo.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'STARTED'")).isOne();
            checkedBeforeKill = demo.count("SELECT COUNT(*) FROM update_checked");
        }

        try (DemoFixture demo = DemoFixture.open(network)) {
            long asked = demo.count("SELECT COUNT(*) FROM update_work");
            RunOutcome resumed = demo.jobs().restart(null);

            assertThat(resumed.status()).as(resumed.message()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(updateResults(demo)).isNotEmpty().isEqualTo(expected);
            assertThat(asked).as("the killed run's work list").isPositive().isGreaterThan(checkedBeforeKill);
            assertThat(demo.count("SELECT COUNT(*) FROM update_work") + demo.count("SELECT COUNT(*) FROM update_checked"))
                    .as("the finisher ran once the check completed").isZero();
            assertThat(demo.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'STARTED'")).isZero();
        }
    }

    private static void forgetTheDeadJobsThreadState() {
        while (StepSynchronizationManager.getContext() != null) {
            StepSynchronizationManager.close();
        }
        while (JobSynchronizationManager.getContext() != null) {
            JobSynchronizationManager.close();
        }
    }

    private static List<String> updateResults(DemoFixture demo) {
        return demo.jdbc().queryForList("""
                SELECT server || '|' || instance_name || '|' || plugin || '|' || state || '|' || COALESCE(latest, '') FROM update_result
                 ORDER BY server, instance_name, plugin""", String.class);
    }
}
