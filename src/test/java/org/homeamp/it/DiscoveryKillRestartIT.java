package org.homeamp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

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
        PackagedJar.addLatency(net, "ovh", 15);
        Path state = net.dir().resolve("state");
        long jarsOnDisk = PackagedJar.jarsOnDisk(net);
        String cfg = net.configFile().toString();

        // when: the job runs in its own JVM and is killed once some jars are in and many are not
        Process job = PackagedJar.start(tmp.resolve("run.log"), "run", "discovery", "--date", "2026-11-20", "--config", cfg);
        long seenAtKill = PackagedJar.killWhen(job, state, "SELECT COUNT(*) FROM plugin_jar", n -> n >= 40);
        assertThat(PackagedJar.query(state, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'STARTED'")).isEqualTo(1);

        PackagedJar.run(tmp.resolve("status1.log"), "status", "--config", cfg);
        assertThat(Files.readString(tmp.resolve("status1.log"))).contains("CRASHED").contains("homeamp restart");

        int restart = PackagedJar.run(tmp.resolve("restart.log"), "restart", "--config", cfg);

        // then
        String restartLog = Files.readString(tmp.resolve("restart.log"));
        assertThat(restart).as(restartLog).isZero();
        assertThat(restartLog).contains("completed");
        assertThat(seenAtKill).isLessThan(jarsOnDisk);
        assertThat(PackagedJar.query(state, "SELECT COUNT(*) FROM plugin_jar")).isEqualTo(jarsOnDisk);
        assertThat(PackagedJar.query(state, "SELECT COUNT(*) FROM inventory_event WHERE event = 'ADDED'")).isEqualTo(jarsOnDisk);
        assertThat(PackagedJar.query(state, "SELECT COUNT(*) FROM (SELECT server, instance_name, file_name FROM plugin_jar GROUP BY server, instance_name, file_name HAVING COUNT(*) > 1)")).isZero();
        assertThat(PackagedJar.query(state, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTED', 'STARTING', 'STOPPING')")).isZero();
        assertThat(PackagedJar.query(state, "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STATUS IN ('STARTED', 'STARTING', 'STOPPING')")).isZero();
        assertThat(PackagedJar.query(state, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'")).isEqualTo(1);
        assertThat(PackagedJar.query(state, "SELECT COUNT(*) FROM discovery_work")).isZero();

        PackagedJar.run(tmp.resolve("status2.log"), "status", "--config", cfg);
        assertThat(Files.readString(tmp.resolve("status2.log"))).contains("COMPLETED").doesNotContain("CRASHED");
    }
}
