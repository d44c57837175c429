package org.homeamp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar while a discovery runs in another process: {@code status} answers during the run and
 * shows it STARTED with its progress, a second job is refused, and H2's auto-server listens on loopback only.
 */
class StatusDuringRunIT {
    @TempDir
    Path tmp;

    @Test
    void statusAnswersDuringARunAndTheDatabaseServerListensOnLoopbackOnly() throws Exception {
        // given: a discovery that takes a while (both simulated AMP hosts answer slowly)
        DemoNetwork net = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 60, 14, false);
        PackagedJar.addLatency(net, "ovh", 150);
        PackagedJar.addLatency(net, "hetzner", 150);
        Path state = net.dir().resolve("state");
        String cfg = net.configFile().toString();
        Process job = PackagedJar.start(tmp.resolve("run.log"), "run", "discovery", "--date", "2026-11-20", "--config", cfg);
        try {
            awaitFirstPartitionDone(job, state);
            String lockFile = Files.readString(state.resolve("db/homeamp.lock.db"));
            assertListensOnLoopbackOnly(lockFile);

            // when: status and a second job, at the same time, while the first one runs
            Process statusCall = PackagedJar.start(tmp.resolve("status.log"), "status", "--config", cfg);
            Process secondJob = PackagedJar.start(tmp.resolve("second.log"), "run", "discovery", "--date", "2026-11-21",
                    "--config", cfg);
            assertThat(statusCall.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(secondJob.waitFor(180, TimeUnit.SECONDS)).isTrue();
            boolean stillRunning = job.isAlive();
            int status = statusCall.exitValue();
            int second = secondJob.exitValue();

            // then: status answered while the job ran, with its progress
            String statusLog = Files.readString(tmp.resolve("status.log"));
            assertThat(status).as(statusLog).isZero();
            assertThat(stillRunning).as("the job was still running when status and the second job had answered").isTrue();
            assertThat(statusLog).contains("STARTED").contains("running step discoveryScan").contains("partitions done")
                    .doesNotContain("CRASHED");
            assertThat(second).isEqualTo(1);
            assertThat(Files.readString(tmp.resolve("second.log"))).contains("Another homeamp job is running");
        } finally {
            if (!job.waitFor(300, TimeUnit.SECONDS)) {
                job.destroyForcibly();
            }
        }
        assertThat(job.exitValue()).as(Files.readString(tmp.resolve("run.log"))).isZero();
    }

    private static void awaitFirstPartitionDone(Process job, Path state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(job.isAlive()).as("the job ended before status could be asked").isTrue();
            if (Files.exists(state.resolve("db/homeamp.mv.db"))) {
                try {
                    if (PackagedJar.query(state, "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE"
                            + " 'discoveryScanInstance:%' AND STATUS = 'COMPLETED'") >= 1) {
                        return;
                    }
                } catch (java.sql.SQLException notYet) {
                    // tables not created yet
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no partition completed within 180 s");
    }

    /** The lock file names the auto-server's address; the kernel's socket table shows what it listens on. */
    private static void assertListensOnLoopbackOnly(String lockFile) throws Exception {
        Properties lock = new Properties();
        lock.load(new StringReader(lockFile));
        String server = lock.getProperty("server");
        // H2 names the loopback address "localhost" here; the socket table below is what counts
        assertThat(server).as(lockFile).matches("(localhost|127\\.0\\.0\\.1):\\d+");
        int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
        String portHex = String.format(Locale.ROOT, ":%04X", port);
        List<String> listening = new java.util.ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Files.readAllLines(Path.of(table)).stream().skip(1)
                    .map(String::trim).map(l -> l.split("\\s+"))
                    .filter(f -> f[1].endsWith(portHex) && f[3].equals("0A"))
                    .forEach(f -> listening.add(f[1].substring(0, f[1].indexOf(':'))));
        }
        // IPv4 127.0.0.1, or on a dual-stack socket ::ffff:127.0.0.1; never 0.0.0.0 or ::
        assertThat(listening).as("listening sockets on port " + port).isNotEmpty()
                .allMatch(a -> a.equals("0100007F") || a.equals("0000000000000000FFFF00000100007F"));
    }
}
