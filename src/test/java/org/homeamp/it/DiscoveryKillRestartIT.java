package org.homeamp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.homeamp.config.ApplicationContexts;
import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, killed with SIGKILL in the middle of a discovery run on a 60-instance demo
 * network, then resumed with {@code homeamp restart}: every jar ends up in the inventory exactly
 * once and no execution is left STARTED.
 */
class DiscoveryKillRestartIT {
    @TempDir
    Path tmp;

    @Test
    void killedDiscoveryResumesWithRestartAndInventoriesEveryJarOnce() throws Exception {
        // given: 60 instances; ovh's simulated AMP answers each call after 15 ms, like a remote host
        DemoNetwork net = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 60, 14, false);
        Path hostJson = net.dir().resolve("hosts/ovh/host.json");
        Files.writeString(hostJson, Files.readString(hostJson).replaceFirst("\\{", "{\"latencyMillis\":15,"));
        Path state = net.dir().resolve("state");
        long jarsOnDisk = jarsOnDisk(net);

        // when: the job runs in its own JVM and is killed once some jars are in and many are not
        Process job = homeamp(tmp.resolve("run.log"), "run", "discovery", "--date", "2026-11-20", "--config", net.configFile().toString());
        long seenAtKill = waitForInventoryBetween(state, job, 40, jarsOnDisk / 2);
        job.destroyForcibly();
        assertThat(job.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(job.exitValue()).isEqualTo(137);
        assertThat(query(state, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'STARTED'")).isEqualTo(1);

        Process status = homeamp(tmp.resolve("status1.log"), "status", "--config", net.configFile().toString());
        assertThat(status.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(tmp.resolve("status1.log"))).contains("CRASHED").contains("homeamp restart");

        Process restart = homeamp(tmp.resolve("restart.log"), "restart", "--config", net.configFile().toString());
        assertThat(restart.waitFor(120, TimeUnit.SECONDS)).isTrue();

        // then
        String restartLog = Files.readString(tmp.resolve("restart.log"));
        assertThat(restart.exitValue()).as(restartLog).isZero();
        assertThat(restartLog).contains("completed");
        assertThat(seenAtKill).isLessThan(jarsOnDisk);
        assertThat(query(state, "SELECT COUNT(*) FROM plugin_jar")).isEqualTo(jarsOnDisk);
        assertThat(query(state, "SELECT COUNT(*) FROM inventory_event WHERE event = 'ADDED'")).isEqualTo(jarsOnDisk);
        assertThat(query(state, "SELECT COUNT(*) FROM (SELECT server, instance_name, file_name FROM plugin_jar GROUP BY server, instance_name, file_name HAVING COUNT(*) > 1)")).isZero();
        assertThat(query(state, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTED', 'STARTING', 'STOPPING')")).isZero();
        assertThat(query(state, "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STATUS IN ('STARTED', 'STARTING', 'STOPPING')")).isZero();
        assertThat(query(state, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'")).isEqualTo(1);
        assertThat(query(state, "SELECT COUNT(*) FROM discovery_work")).isZero();

        Process status2 = homeamp(tmp.resolve("status2.log"), "status", "--config", net.configFile().toString());
        assertThat(status2.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(tmp.resolve("status2.log"))).contains("COMPLETED").doesNotContain("CRASHED");
    }

    private static Process homeamp(Path log, String... args) throws IOException {
        String jar = System.getProperty("homeamp.jar", "target/homeamp.jar");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static long waitForInventoryBetween(Path state, Process job, long atLeast, long atMost) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!job.isAlive()) {
                throw new AssertionError("the job ended before it could be killed (exit " + job.exitValue() + ")");
            }
            if (Files.exists(state.resolve("db/homeamp.mv.db"))) {
                try {
                    long n = query(state, "SELECT COUNT(*) FROM plugin_jar");
                    if (n >= atLeast) {
                        assertThat(n).as("killed too late to test a resume").isLessThanOrEqualTo(atMost);
                        return n;
                    }
                } catch (SQLException notYet) {
                    // tables not created yet
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no progress within 120 s");
    }

    private static long query(Path state, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ApplicationContexts.h2Url(state), "sa", "");
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long jarsOnDisk(DemoNetwork net) throws IOException {
        long n = 0;
        for (String server : List.of("hetzner", "ovh")) {
            try (Stream<Path> dirs = Files.list(net.dir().resolve("hosts").resolve(server).resolve("instances"))) {
                for (Path inst : dirs.filter(d -> !d.getFileName().toString().equals("OldHub01")).toList()) {
                    Path plugins = inst.resolve("Minecraft/plugins");
                    if (Files.isDirectory(plugins)) {
                        try (Stream<Path> jars = Files.list(plugins)) {
                            n += jars.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".jar")).count();
                        }
                    }
                }
            }
        }
        return n;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
