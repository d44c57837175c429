package org.homeamp.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.RunOutcome;
import org.homeamp.demo.DemoNetworkGenerator;
import org.homeamp.testing.DemoFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

/**
 * One AMP host down during the nightly: the other host's discovery, drift scan, update check and
 * download, the report and the mail are done; the run ends FAILED with the missing work recorded in
 * run_gap; the restart after the host is back does only the missing work, runs report and mail
 * again, and ends with exactly the outputs of a clean run.
 */
class UnreachableHostNightlyTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    @TempDir
    Path tmp;

    @Test
    void nightlyWithOneHostDownReportsTheRestAndTheRestartCompletesItToTheCleanRunsOutputs() throws Exception {
        // given: what a clean nightly of the same network gives
        String cleanDrift;
        String cleanUpdates;
        List<String> cleanFindings;
        Path cleanKey;
        try (DemoFixture clean = DemoFixture.start(tmp.resolve("clean"), 6, 14)) {
            assertThat(clean.jobs().run(JobNames.NIGHTLY, DAY, List.of(), false).status()).isEqualTo(BatchStatus.COMPLETED);
            cleanDrift = Files.readString(reports(clean).resolve("drift.json"));
            cleanUpdates = Files.readString(reports(clean).resolve("updates.json"));
            cleanFindings = findings(clean);
            cleanKey = clean.settings().stateDir().resolve(org.homeamp.drift.SecretMasker.KEY_FILE);
        }
        Path dir = tmp.resolve("demo");

        // when: ovh's AMP is down for the night
        RunOutcome failed;
        // the same installation key, so that secret fingerprints compare between the two state dirs
        org.homeamp.demo.DemoNetwork network = new DemoNetworkGenerator().generate(dir, 6, 14, false);
        Path stateDir = network.dir().resolve("state");
        Files.createDirectories(stateDir);
        Files.copy(cleanKey, stateDir.resolve(org.homeamp.drift.SecretMasker.KEY_FILE), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        try (DemoFixture demo = DemoFixture.open(network)) {
            demo.hosts.simulator("ovh").close();
            failed = demo.jobs().run(JobNames.NIGHTLY, DAY, List.of(), false);

            // then: exit 1 naming ovh, but hetzner's report and the mail are there
            assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
            assertThat(failed.message()).contains("incompleteCheck").contains("server ovh").contains("homeamp restart " + failed.executionId());
            assertThat(stepStatus(demo, failed.executionId(), "report")).isEqualTo("COMPLETED");
            assertThat(stepStatus(demo, failed.executionId(), "mail")).isEqualTo("COMPLETED");
            assertThat(reports(demo).resolve("index.html")).exists();
            assertThat(outbox(demo)).hasSize(1);
            assertThat(demo.count("SELECT COUNT(*) FROM update_result WHERE server = 'hetzner'")).isPositive();
            assertThat(demo.count("SELECT COUNT(*) FROM update_result WHERE server = 'ovh'")).isZero();
            assertThat(demo.jdbc().queryForList("SELECT step FROM run_gap WHERE run_date = ? AND server = 'ovh' AND resolved_at IS NULL ORDER BY step",
                    String.class, DAY)).containsExactly("discovery", "download", "drift-scan", "update-check");
            assertThat(demo.count("SELECT COUNT(*) FROM run_gap WHERE server <> 'ovh'")).isZero();
            assertThat(demo.count("SELECT COUNT(*) FROM instance WHERE removed_on IS NOT NULL")).isZero();
        }

        // when: ovh is back (a new process, simulators running) and the operator restarts
        try (DemoFixture demo = DemoFixture.open(new DemoNetworkGenerator().generate(dir, 6, 14, false))) {
            RunOutcome resumed = demo.jobs().restart(null);

            // then: only ovh's work was done, report and mail ran again, and the outputs are the clean run's
            assertThat(resumed.status()).as(resumed.message()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(demo.count("SELECT COUNT(*) FROM run_gap WHERE resolved_at IS NULL")).isZero();
            assertThat(demo.count("SELECT COUNT(*) FROM run_gap WHERE resolved_at IS NOT NULL")).isEqualTo(4);
            assertThat(demo.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STEP_NAME LIKE '%:hetzner/%'",
                    resumed.executionId())).isZero();
            assertThat(demo.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STEP_NAME LIKE 'discoveryScanInstance:ovh/%'",
                    resumed.executionId())).isPositive();
            assertThat(stepStatus(demo, resumed.executionId(), "report")).isEqualTo("COMPLETED");
            assertThat(stepStatus(demo, resumed.executionId(), "mail")).isEqualTo("COMPLETED");
            assertThat(outbox(demo)).as("the first mail and exactly one follow-up").hasSize(2);
            assertThat(Files.readString(reports(demo).resolve("drift.json"))).isEqualTo(cleanDrift);
            assertThat(Files.readString(reports(demo).resolve("updates.json"))).isEqualTo(cleanUpdates);
            assertThat(findings(demo)).isEqualTo(cleanFindings);
        }
    }

    private static Path reports(DemoFixture demo) {
        return demo.settings().stateDir().resolve("reports").resolve(DAY.toString());
    }

    private static List<Path> outbox(DemoFixture demo) throws Exception {
        try (Stream<Path> files = Files.list(demo.settings().stateDir().resolve("outbox"))) {
            return files.filter(p -> p.toString().endsWith(".eml")).toList();
        }
    }

    private static String stepStatus(DemoFixture demo, long executionId, String step) {
        List<String> s = demo.jdbc().queryForList("SELECT STATUS FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = ?",
                String.class, executionId, step);
        return s.isEmpty() ? "not run" : s.get(0);
    }

    private static List<String> findings(DemoFixture demo) {
        return demo.jdbc().queryForList("""
                SELECT finding_id || '|' || kind || '|' || state || '|' || first_seen || '|' || COALESCE(actual, '') FROM drift_finding
                 ORDER BY server, instance_name, file, key_path, kind""", String.class);
    }
}
