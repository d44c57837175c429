package org.homeamp.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.RunOutcome;
import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.homeamp.deploy.DeployService;
import org.homeamp.deploy.DeploymentHistory;
import org.homeamp.drift.SecretMasker;
import org.homeamp.testing.Approvals;
import org.homeamp.testing.DemoFixture;
import org.homeamp.testing.EmbeddedPostgresDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

/**
 * The demo nightly with PostgreSQL as the job repository and the tool's database (SPEC §11 "Past one
 * host"), on a real PostgreSQL: the same outputs as on the embedded H2, and a run failed by a fault
 * that {@code restart} completes without redoing the work already done.
 */
class PostgresNightlyTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    @RegisterExtension
    final EmbeddedPostgresDb pg = EmbeddedPostgresDb.perMethod();

    @TempDir
    Path tmp;

    @Test
    void nightlyOnPostgresGivesTheOutputsOfTheNightlyOnH2() throws Exception {
        // given: a nightly of the demo network on H2
        Outputs onH2;
        Path key;
        try (DemoFixture h2 = DemoFixture.start(tmp.resolve("h2"), 6, 14)) {
            assertThat(h2.jobs().run(JobNames.NIGHTLY, DAY, List.of(), false).status()).isEqualTo(BatchStatus.COMPLETED);
            onH2 = Outputs.of(h2);
            key = h2.settings().stateDir().resolve(SecretMasker.KEY_FILE);
        }

        // when: the same network's nightly runs with spring.datasource naming PostgreSQL
        try (DemoFixture demo = onPostgres(tmp.resolve("pg"), key)) {
            assertThat(demo.jdbc().queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
            RunOutcome outcome = demo.jobs().run(JobNames.NIGHTLY, DAY, List.of(), false);

            // then
            assertThat(outcome.status()).as(outcome.message()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(Files.exists(demo.settings().stateDir().resolve("db").resolve("homeamp.mv.db")))
                    .as("no H2 file is created").isFalse();
            Outputs onPg = Outputs.of(demo);
            assertThat(onPg.files).isEqualTo(onH2.files);
            assertThat(onPg.drift).isEqualTo(onH2.drift);
            assertThat(onPg.updates).isEqualTo(onH2.updates);
            assertThat(onPg.inventory).isEqualTo(onH2.inventory).isNotEmpty();
            assertThat(onPg.findings).isEqualTo(onH2.findings).isNotEmpty();
            assertThat(onPg.updateResults).isEqualTo(onH2.updateResults).isNotEmpty();
            assertThat(onPg.planChanges).isEqualTo(onH2.planChanges).isNotEmpty();
            assertThat(demo.count("SELECT COUNT(*) FROM http_cache")).isPositive();
            assertThat(logOf(demo)).doesNotContain(EmbeddedPostgresDb.PASSWORD);

            // and a deployment of an approved row, recorded and listed by history as on H2
            Path workbook = demo.settings().stateDir().resolve("reports").resolve(DAY.toString()).resolve("approvals-" + DAY + ".xlsx");
            Path approved = Approvals.approve(workbook, tmp.resolve("approved.xlsx"), "alice", r -> r.get("Setting").equals("view-distance"));
            StringWriter out = new StringWriter();
            assertThat(demo.context.getBean(DeployService.class).deploy(approved, List.of(), false, new PrintWriter(out, true)))
                    .as(out.toString()).isEqualTo(DeployService.OK);
            assertThat(demo.count("SELECT COUNT(*) FROM deployment_row WHERE result = 'APPLIED' AND approved_by = 'alice'")).isPositive();
            assertThat(demo.context.getBean(DeploymentHistory.class).listText(5)).contains("D-").contains("1/0/0/0").contains(" ok");

            // the next night sends conditional requests from the http cache written on PostgreSQL
            RunOutcome nextDay = demo.jobs().run(JobNames.NIGHTLY, DAY.plusDays(1), List.of(), false);
            assertThat(nextDay.status()).as(nextDay.message()).isEqualTo(BatchStatus.COMPLETED);
        }
    }

    @Test
    void nightlyFailedByAHostDownIsCompletedByRestartOnPostgresWithoutRedoingWork() throws Exception {
        Path dir = tmp.resolve("demo");
        DemoNetwork network = new DemoNetworkGenerator().generate(dir, 6, 14, false);
        pg.writeDatasource(network.configFile());
        RunOutcome failed;
        try (DemoFixture demo = DemoFixture.open(network)) {
            demo.hosts.simulator("ovh").close();
            failed = demo.jobs().run(JobNames.NIGHTLY, DAY, List.of(), false);
            assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
            assertThat(failed.message()).contains("server ovh").contains("homeamp restart " + failed.executionId());
            assertThat(demo.count("SELECT COUNT(*) FROM update_result WHERE server = 'hetzner'")).isPositive();
            assertThat(demo.count("SELECT COUNT(*) FROM update_result WHERE server = 'ovh'")).isZero();
        }

        // a new process with ovh back: restart does only ovh's work
        DemoNetwork again = new DemoNetworkGenerator().generate(dir, 6, 14, false);
        if (!Files.readString(again.configFile()).contains("\nspring:")) {
            pg.writeDatasource(again.configFile());
        }
        try (DemoFixture demo = DemoFixture.open(again)) {
            long hetznerRows = demo.count("SELECT COUNT(*) FROM update_result WHERE server = 'hetzner'");
            RunOutcome resumed = demo.jobs().restart(null);
            assertThat(resumed.status()).as(resumed.message()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(demo.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STEP_NAME LIKE '%:hetzner/%'",
                    resumed.executionId())).isZero();
            assertThat(demo.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STEP_NAME LIKE 'discoveryScanInstance:ovh/%'",
                    resumed.executionId())).isPositive();
            assertThat(demo.count("SELECT COUNT(*) FROM update_result WHERE server = 'hetzner'")).isEqualTo(hetznerRows);
            assertThat(demo.count("SELECT COUNT(*) FROM update_result WHERE server = 'ovh'")).isPositive();
            assertThat(demo.count("SELECT COUNT(*) FROM run_gap WHERE resolved_at IS NULL")).isZero();
        }
    }

    private DemoFixture onPostgres(Path dir, Path key) throws Exception {
        DemoNetwork network = new DemoNetworkGenerator().generate(dir, 6, 14, false);
        pg.writeDatasource(network.configFile());
        Path stateDir = network.dir().resolve("state");
        Files.createDirectories(stateDir);
        Files.copy(key, stateDir.resolve(SecretMasker.KEY_FILE), StandardCopyOption.COPY_ATTRIBUTES);
        return DemoFixture.open(network);
    }

    private static String logOf(DemoFixture demo) throws Exception {
        Path log = demo.settings().stateDir().resolve("logs").resolve("homeamp.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** What a nightly leaves, without times and ids. */
    private record Outputs(List<String> files, String drift, String updates, List<String> inventory, List<String> findings,
            List<String> updateResults, List<String> planChanges) {
        static Outputs of(DemoFixture demo) throws Exception {
            Path reports = demo.settings().stateDir().resolve("reports").resolve(DAY.toString());
            List<String> files;
            try (Stream<Path> all = Files.walk(reports)) {
                files = all.filter(Files::isRegularFile).map(p -> reports.relativize(p).toString()).sorted().toList();
            }
            return new Outputs(files, Files.readString(reports.resolve("drift.json")), Files.readString(reports.resolve("updates.json")),
                    demo.jdbc().queryForList("""
                            SELECT server || '|' || instance_name || '|' || file_name || '|' || status || '|' || COALESCE(plugin_name, '')
                                   || '|' || COALESCE(version, '') || '|' || COALESCE(sha256, '') FROM plugin_jar
                             ORDER BY server, instance_name, file_name""", String.class),
                    demo.jdbc().queryForList("""
                            SELECT finding_id || '|' || kind || '|' || state || '|' || first_seen || '|' || COALESCE(actual, '') FROM drift_finding
                             ORDER BY server, instance_name, file, key_path, kind""", String.class),
                    demo.jdbc().queryForList("""
                            SELECT server || '|' || instance_name || '|' || plugin || '|' || COALESCE(installed, '') || '|'
                                   || COALESCE(latest, '') || '|' || state FROM update_result ORDER BY server, instance_name, plugin""", String.class),
                    demo.jdbc().queryForList("""
                            SELECT change_id || '|' || position || '|' || server || '|' || instance || '|' || type || '|' || file || '|'
                                   || COALESCE(setting, '') || '|' || COALESCE(proposed_value, '') FROM plan_change ORDER BY position""", String.class));
        }
    }
}
