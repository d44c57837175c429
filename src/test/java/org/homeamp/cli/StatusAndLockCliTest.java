package org.homeamp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.RunLock;
import org.homeamp.batch.RunOutcome;
import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.homeamp.testing.DemoFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

/** status without Spring or simulators, the run lock before Spring, and the messages of failed runs. */
class StatusAndLockCliTest {
    @TempDir
    Path tmp;

    /** A setting that makes every Spring start fail: proves a command answered without starting Spring. */
    private static void breakSpringStart(DemoNetwork net) throws Exception {
        Files.writeString(net.configFile(), Files.readString(net.configFile())
                + "spring:\n  batch:\n    jdbc:\n      schema: classpath:db/no-such-schema.sql\n");
    }

    /** A simulated host that cannot start: proves a command answered without starting the simulators. */
    private static void breakSimulators(DemoNetwork net) throws Exception {
        Files.writeString(net.dir().resolve("hosts/hetzner/host.json"), "{ this is not JSON");
    }

    @Test
    void statusReadsTheHistoryWithoutSpringAndWithoutSimulators() throws Exception {
        // given: a completed run, then a config on which neither Spring nor the simulators can start
        DemoNetwork net = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 5, 12, false);
        String cfg = net.configFile().toString();
        CliRun run = CliRun.of("run", "discovery", "--date", "2026-11-20", "--config", cfg);
        assertThat(run.exit()).as(run.err()).isZero();
        breakSpringStart(net);
        breakSimulators(net);

        // when
        CliRun status = CliRun.of("status", "--config", cfg);

        // then
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("discovery").contains("2026-11-20").contains("COMPLETED");
    }

    @Test
    void aSecondJobIsRefusedBeforeSpringStarts() throws Exception {
        // given: another job holds the run lock (a thread here stands in for another process)
        DemoNetwork net = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 5, 12, false);
        breakSpringStart(net);
        Path state = net.dir().resolve("state");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try (RunLock lock = RunLock.acquire(state)) {
                held.countDown();
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        other.start();
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        try {
            // when
            CliRun run = CliRun.of("run", "discovery", "--config", net.configFile().toString());
            CliRun restart = CliRun.of("restart", "--config", net.configFile().toString());

            // then: refused by the lock, not by the (broken) Spring start
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("Another homeamp job is running").doesNotContain("no-such-schema");
            assertThat(restart.exit()).isEqualTo(1);
            assertThat(restart.err()).contains("Another homeamp job is running").doesNotContain("no-such-schema");
        } finally {
            release.countDown();
            other.join();
        }
    }

    @Test
    void restartOfAnUnknownExecutionSaysSoWithExitTwo() throws Exception {
        DemoNetwork net = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 5, 12, false);
        String cfg = net.configFile().toString();
        assertThat(CliRun.of("run", "discovery", "--date", "2026-11-20", "--config", cfg).exit()).isZero();

        CliRun restart = CliRun.of("restart", "999", "--config", cfg);

        assertThat(restart.exit()).as(restart.err()).isEqualTo(2);
        assertThat(restart.err()).contains("no job execution 999; see homeamp status")
                .doesNotContain("EmptyResultDataAccessException").doesNotContain("<state-dir>");
    }

    @Test
    void statusAndLogFileCarryTheRealCauseOfAFailedPartition() throws Exception {
        // given: ovh's AMP is down, so its discovery partition fails
        long executionId;
        DemoNetwork net;
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo"), 5, 12)) {
            net = demo.network;
            demo.hosts.simulator("ovh").close();
            RunOutcome failed = demo.jobs().run(JobNames.DISCOVERY, java.time.LocalDate.parse("2026-11-20"), List.of(), false);
            assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
            executionId = failed.executionId();
        }

        // when
        CliRun status = CliRun.of("status", "--config", net.configFile().toString());

        // then: the cause names the server, as the console did, not Spring's partition message
        assertThat(status.exit()).as(status.err()).isZero();
        String row = status.out().lines().filter(l -> l.startsWith(executionId + " ")).findFirst().orElseThrow();
        assertThat(row).contains("FAILED").contains("server ovh: Core/Login").doesNotContain("Partition handler").doesNotContain("Exception");
        String log = Files.readString(net.dir().resolve("state/logs/homeamp.log"));
        assertThat(log).contains("discovery for 2026-11-20: starting")
                .contains("discovery for 2026-11-20 FAILED")
                .contains("homeamp restart " + executionId);
    }
}
