package org.homeamp.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.homeamp.batch.JobNames;
import org.homeamp.batch.RunOutcome;
import org.homeamp.demo.ampsim.SimulatorControl;
import org.homeamp.testing.LocalSpecialFiles;
import org.homeamp.testing.DemoFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;

/**
 * The nightly's AMP part under real faults, on one small demo network: discovery and drift-scan with
 * a share of AMP calls failing (HTTP 500 or "Instance Unavailable", fixed seeds) give the same
 * inventory and drift as a fault-free run, either at once or after one {@code restart}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AmpFaultsAcceptanceTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final Pattern ADDED = Pattern.compile("; (\\d+) added, (\\d+) changed");

    @TempDir
    static Path tmp;

    private DemoFixture demo;
    private Set<String> cleanInventory;
    private Set<String> cleanDrift;
    private final ListAppender<ILoggingEvent> summaries = new ListAppender<>();

    @BeforeAll
    void cleanRun() throws Exception {
        demo = DemoFixture.start(tmp.resolve("demo"), 5, 12);
        ((Logger) LoggerFactory.getLogger(DiscoveryFinisher.class)).addAppender(summaries);
        summaries.start();
        assertThat(demo.jobs().run(JobNames.DISCOVERY, DAY, List.of(), false).status()).isEqualTo(BatchStatus.COMPLETED);
        RunOutcome drift = demo.jobs().run(JobNames.DRIFT_SCAN, DAY, List.of(), false);
        assertThat(drift.status()).as(drift.message()).isEqualTo(BatchStatus.COMPLETED);
        cleanInventory = inventory();
        cleanDrift = drift(drift);
        assertThat(cleanInventory).hasSizeGreaterThan(20);
        assertThat(cleanDrift).isNotEmpty();
        assertThat(addedChanged()).isEqualTo(List.of(cleanInventory.size(), 0));
    }

    @AfterEach
    void healthy() {
        for (String server : List.of("hetzner", "ovh")) {
            SimulatorControl control = demo.hosts.simulator(server).control();
            control.setErrorRate(0);
            control.hostUp();
        }
    }

    @AfterAll
    void close() {
        ((Logger) LoggerFactory.getLogger(DiscoveryFinisher.class)).detachAppender(summaries);
        demo.close();
    }

    @Test
    void rerunOfDiscoveryAddsNothing() {
        RunOutcome rerun = demo.jobs().run(JobNames.DISCOVERY, DAY, List.of(), true);

        assertThat(rerun.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(addedChanged()).isEqualTo(List.of(0, 0));
        assertThat(inventory()).isEqualTo(cleanInventory);
    }

    @Test
    void tenRunsWithFivePercentErrorsCompleteWithTheCleanOutputs() {
        errorRate(0.05);
        for (int run = 1; run <= 10; run++) {
            RunOutcome discovery = demo.jobs().run(JobNames.DISCOVERY, DAY, List.of(), true);
            RunOutcome drift = demo.jobs().run(JobNames.DRIFT_SCAN, DAY, List.of(), true);

            assertThat(discovery.status()).as("run " + run + ": " + discovery.message()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(drift.status()).as("run " + run + ": " + drift.message()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(inventory()).as("run " + run).isEqualTo(cleanInventory);
            assertThat(drift(drift)).as("run " + run).isEqualTo(cleanDrift);
            assertThat(runProblems(discovery)).as("run " + run).isZero();
        }
    }

    @Test
    void runsWithTwentyPercentErrorsCompleteOrFailRestartablyAndOneRestartCompletesThem() {
        errorRate(0.2);
        List<String> restarted = new ArrayList<>();
        for (int run = 1; run <= 4; run++) {
            for (String job : List.of(JobNames.DISCOVERY, JobNames.DRIFT_SCAN)) {
                RunOutcome outcome = demo.jobs().run(job, DAY, List.of(), true);
                if (outcome.status() != BatchStatus.COMPLETED) {
                    assertThat(outcome.status()).as(outcome.message()).isEqualTo(BatchStatus.FAILED);
                    assertThat(outcome.message()).contains("homeamp restart");
                    restarted.add(job + " " + run);
                    outcome = demo.jobs().restart(null);
                    assertThat(outcome.status()).as("restart of " + job + " run " + run + ": " + outcome.message())
                            .isEqualTo(BatchStatus.COMPLETED);
                }
                if (job.equals(JobNames.DRIFT_SCAN)) {
                    assertThat(drift(outcome)).as("run " + run).isEqualTo(cleanDrift);
                }
            }
            assertThat(inventory()).as("run " + run).isEqualTo(cleanInventory);
        }
        LoggerFactory.getLogger(getClass()).info("20% errors: restarted {}", restarted);
    }

    @Test
    void localServerWhoseAmpWasDownIsUnreachableAndTheRestartGivesTheCleanFindings() {
        demo.hosts.simulator("hetzner").control().hostDown();

        RunOutcome failed = demo.jobs().run(JobNames.DISCOVERY, DAY, List.of(), true);

        assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.message()).contains("hetzner");
        assertThat(demo.count("SELECT COUNT(*) FROM problem WHERE kind IN ('AMP_UNREACHABLE', 'ORPHAN_FOLDER') AND run_id = ?", runId(failed)))
                .as("no folder scan without AMP").isZero();

        demo.hosts.simulator("hetzner").control().hostUp();
        RunOutcome resumed = demo.jobs().restart(null);
        RunOutcome drift = demo.jobs().run(JobNames.DRIFT_SCAN, DAY, List.of(), true);

        assertThat(resumed.status()).as(resumed.message()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(inventory()).isEqualTo(cleanInventory);
        assertThat(drift(drift)).isEqualTo(cleanDrift);
    }

    @Test
    void pluginsListingThatKeepsFailingFailsTheRunInsteadOfAProblemAndTheRestartCompletesIt() {
        // every attempt the client makes at the first ovh instance's plugins/ listing is refused
        for (int i = 0; i < 5; i++) {
            demo.hosts.simulator("ovh").control().failNextCall("FileManagerPlugin/GetDirectoryListing",
                    "{\"Title\":\"Instance Unavailable\",\"Message\":\"The requested instance is not available at this time.\",\"StackTrace\":null}");
        }

        RunOutcome failed = demo.jobs().run(JobNames.DISCOVERY, DAY, List.of(), true);

        assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.message()).contains("homeamp restart");
        assertThat(demo.count("SELECT COUNT(*) FROM problem WHERE kind = 'PLUGINS_UNREADABLE' AND run_id = ?", runId(failed))).isZero();

        RunOutcome resumed = demo.jobs().restart(null);

        assertThat(resumed.status()).as(resumed.message()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(inventory()).isEqualTo(cleanInventory);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void namedPipesAndDuplicatePluginsAreProblemsNotHangs() throws Exception {
        Path minecraft = firstLocalInstance();
        String instance = minecraft.getParent().getFileName().toString();
        Path properties = minecraft.resolve("server.properties");
        byte[] savedProperties = Files.readAllBytes(properties);
        Path original = firstJar(minecraft.resolve("plugins"));
        Path copy = minecraft.resolve("plugins").resolve("zz-copy-" + original.getFileName());
        Path pipeJar = minecraft.resolve("plugins/x.jar");
        try {
            Files.copy(original, copy);
            LocalSpecialFiles.mkfifo(pipeJar);
            Files.delete(properties);
            LocalSpecialFiles.mkfifo(properties);

            RunOutcome discovery = demo.jobs().run(JobNames.DISCOVERY, DAY, List.of(), true);
            RunOutcome drift = demo.jobs().run(JobNames.DRIFT_SCAN, DAY, List.of(), true);

            assertThat(discovery.status()).as(discovery.message()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(drift.status()).as(drift.message()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(problemMessages(discovery, "UNREADABLE", instance)).singleElement().asString()
                    .contains("plugins/x.jar").contains("named pipe");
            assertThat(problemMessages(discovery, "DUPLICATE_PLUGIN", instance)).singleElement().asString()
                    .contains("plugins/" + original.getFileName()).contains("plugins/" + copy.getFileName());
            assertThat(problemMessages(drift, "UNREADABLE", instance)).singleElement().asString()
                    .contains("server.properties").contains("named pipe");
        } finally {
            Files.deleteIfExists(pipeJar);
            Files.deleteIfExists(copy);
            Files.deleteIfExists(properties);
            Files.write(properties, savedProperties);
        }
    }

    private List<String> problemMessages(RunOutcome outcome, String kind, String instance) {
        return demo.jdbc().queryForList("SELECT message FROM problem WHERE run_id = ? AND kind = ? AND instance_name = ?", String.class,
                runId(outcome), kind, instance);
    }

    private Path firstLocalInstance() throws Exception {
        try (var dirs = Files.list(demo.network.dir().resolve("hosts/hetzner/instances"))) {
            return dirs.map(d -> d.resolve("Minecraft"))
                    .filter(m -> Files.isRegularFile(m.resolve("server.properties")) && Files.isDirectory(m.resolve("plugins")))
                    .sorted().findFirst().orElseThrow();
        }
    }

    private static Path firstJar(Path plugins) throws Exception {
        try (var jars = Files.list(plugins)) {
            return jars.filter(j -> j.getFileName().toString().endsWith(".jar")).sorted().findFirst().orElseThrow();
        }
    }

    private void errorRate(double rate) {
        demo.hosts.simulator("hetzner").control().setErrorRate(rate);
        demo.hosts.simulator("ovh").control().setErrorRate(rate);
    }

    private Set<String> inventory() {
        return new TreeSet<>(demo.jdbc().queryForList("""
                SELECT server || '|' || instance_name || '|' || file_name || '|' || COALESCE(sha256, '-') || '|' || status
                       || '|' || COALESCE(plugin_name, '-') || '|' || COALESCE(version, '-')
                  FROM plugin_jar WHERE removed_on IS NULL""", String.class));
    }

    private Set<String> drift(RunOutcome outcome) {
        return new TreeSet<>(demo.jdbc().queryForList("""
                SELECT server || '|' || instance_name || '|' || file || '|' || COALESCE(key_path, '') || '|' || kind
                  FROM drift_finding WHERE run_id = ? AND state <> 'RESOLVED'""", String.class, runId(outcome)));
    }

    private long runProblems(RunOutcome outcome) {
        return demo.count("SELECT COUNT(*) FROM problem WHERE run_id = ? AND kind IN ('PLUGINS_UNREADABLE', 'UNREADABLE', 'AMP_UNREACHABLE')",
                runId(outcome));
    }

    private long runId(RunOutcome outcome) {
        return demo.count("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", outcome.executionId());
    }

    /** Added and changed jars of the last discovery summary. */
    private List<Integer> addedChanged() {
        for (int i = summaries.list.size() - 1; i >= 0; i--) {
            Matcher m = ADDED.matcher(summaries.list.get(i).getFormattedMessage());
            if (m.find()) {
                return List.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
        }
        throw new AssertionError("no discovery summary logged");
    }
}
