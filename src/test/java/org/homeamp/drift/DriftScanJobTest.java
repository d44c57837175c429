package org.homeamp.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.RunOutcome;
import org.homeamp.demo.DemoNetworkGenerator;
import org.homeamp.testing.DemoFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

/** The drift-scan job on the demo network, against the example baselines shipped in the repository. */
class DriftScanJobTest {
    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 20);
    private static final LocalDate DAY2 = LocalDate.of(2026, 11, 21);

    @TempDir
    Path tmp;

    @Test
    void scanFindsExactlyThePlantedDrift() throws Exception {
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo"), 6, 14)) {
            demo.jobs().run(JobNames.DISCOVERY, DAY1, List.of(), false);

            RunOutcome outcome = demo.jobs().run(JobNames.DRIFT_SCAN, DAY1, List.of(), false);

            assertThat(outcome.status()).as(outcome.message()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(findings(demo, outcome)).isEqualTo(expectedDrift());
            assertThat(demo.count("SELECT COUNT(*) FROM drift_finding WHERE state <> 'NEW'")).isZero();
            Path json = demo.settings().stateDir().resolve("reports").resolve(DAY1.toString()).resolve("drift.json");
            assertThat(json).exists();
            assertThat(Files.readString(json)).contains("\"format_version\":1").contains("\"date\":\"2026-11-20\"");
        }
    }

    @Test
    void secondScanKeepsOpenFindingsAndResolvesFixedOnes() throws Exception {
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo"), 6, 14)) {
            demo.jobs().run(JobNames.DISCOVERY, DAY1, List.of(), false);
            RunOutcome first = demo.jobs().run(JobNames.DRIFT_SCAN, DAY1, List.of(), false);
            long total = demo.count("SELECT COUNT(*) FROM drift_finding WHERE run_id = (SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?)",
                    first.executionId());
            // an operator fixes the view-distance drift on Lobby01
            Path props = demo.network.dir().resolve("hosts/hetzner/instances/Lobby01/Minecraft/server.properties");
            Files.writeString(props, Files.readString(props).replace("view-distance=6", "view-distance=8"));

            RunOutcome second = demo.jobs().run(JobNames.DRIFT_SCAN, DAY2, List.of(), false);

            assertThat(second.status()).isEqualTo(BatchStatus.COMPLETED);
            long run2 = runId(demo, second);
            assertThat(demo.count("SELECT COUNT(*) FROM drift_finding WHERE run_id = ? AND state = 'RESOLVED' AND key_path = 'view-distance'", run2))
                    .isEqualTo(1);
            assertThat(demo.count("SELECT COUNT(*) FROM drift_finding WHERE run_id = ? AND state = 'OPEN' AND first_seen = ?", run2, DAY1))
                    .isEqualTo(total - 1);
            assertThat(demo.count("SELECT COUNT(*) FROM drift_finding WHERE run_id = ? AND state = 'NEW'", run2)).isZero();
        }
    }

    @Test
    void failedScanRestartedGivesTheSameFindingsOnceAsAnUninterruptedScan() throws Exception {
        Set<String> uninterrupted;
        try (DemoFixture twin = DemoFixture.start(tmp.resolve("twin"), 6, 14)) {
            twin.jobs().run(JobNames.DISCOVERY, DAY1, List.of(), false);
            uninterrupted = findings(twin, twin.jobs().run(JobNames.DRIFT_SCAN, DAY1, List.of(), false));
        }
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo"), 6, 14)) {
            demo.jobs().run(JobNames.DISCOVERY, DAY1, List.of(), false);
            demo.hosts.simulator("ovh").close();   // ovh's AMP goes down before the scan

            RunOutcome failed = demo.jobs().run(JobNames.DRIFT_SCAN, DAY1, List.of(), false);

            assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
            assertThat(failed.message()).contains("ovh").contains("homeamp restart");
        }
        try (DemoFixture demo = DemoFixture.open(new DemoNetworkGenerator().generate(tmp.resolve("demo"), 6, 14, false))) {
            RunOutcome resumed = demo.jobs().restart(null);

            assertThat(resumed.status()).as(resumed.message()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(findings(demo, resumed)).isEqualTo(uninterrupted);
            assertThat(demo.count("SELECT COUNT(*) FROM drift_finding")).isEqualTo(uninterrupted.size());
        }
    }

    @Test
    void plantedSecretsAppearNowhere() throws Exception {
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo"), 6, 14)) {
            demo.jobs().run(JobNames.DISCOVERY, DAY1, List.of(), false);
            demo.jobs().run(JobNames.DRIFT_SCAN, DAY1, List.of(), false);

            String stored = demo.jdbc().queryForList("SELECT COALESCE(expected,'') || '|' || COALESCE(actual,'') || '|' || COALESCE(message,'') FROM drift_finding",
                    String.class).stream().collect(Collectors.joining("\n"));
            String problems = String.join("\n", demo.jdbc().queryForList("SELECT message FROM problem", String.class));
            String json = Files.readString(demo.settings().stateDir().resolve("reports").resolve(DAY1.toString()).resolve("drift.json"));
            String log = Files.readString(demo.settings().stateDir().resolve("logs").resolve("homeamp.log"));
            for (String secret : DemoSecrets.values()) {
                assertThat(stored).doesNotContain(secret);
                assertThat(problems).doesNotContain(secret);
                assertThat(json).doesNotContain(secret);
                assertThat(log).doesNotContain(secret);
            }
            assertThat(stored).contains("secret:");
        }
    }

    static Set<String> expectedDrift() throws Exception {
        Set<String> out = new TreeSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                DriftScanJobTest.class.getResourceAsStream("/demo/expected-drift.tsv"), StandardCharsets.UTF_8))) {
            r.lines().skip(1).filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> out.add(String.join("\t", l.split("\t", -1))));
        }
        return out;
    }

    static Set<String> findings(DemoFixture demo, RunOutcome outcome) {
        return new TreeSet<>(demo.jdbc().queryForList("""
                SELECT server || CHAR(9) || instance_name || CHAR(9) || file || CHAR(9) || COALESCE(key_path, '') || CHAR(9) || kind
                  FROM drift_finding WHERE run_id = ? AND state <> 'RESOLVED'""", String.class, runId(demo, outcome)));
    }

    static long runId(DemoFixture demo, RunOutcome outcome) {
        return demo.count("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", outcome.executionId());
    }
}
