package org.homeamp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drift scan of the packaged jar killed with SIGKILL after some instances were scanned, then
 * resumed with {@code homeamp restart}, gives the same findings, each once, as an uninterrupted scan
 * of an identical network.
 */
class DriftKillRestartIT {
    private static final String FINDINGS = """
            SELECT server || '|' || instance_name || '|' || file || '|' || COALESCE(key_path, '') || '|' || kind || '|' || state
              FROM drift_finding""";

    @TempDir
    Path tmp;

    @Test
    void killedDriftScanResumesToTheSameFindingsAsAnUninterruptedScan() throws Exception {
        DemoNetworkGenerator generator = new DemoNetworkGenerator();
        DemoNetwork twin = generator.generate(tmp.resolve("twin"), 60, 14, false);
        DemoNetwork net = generator.generate(tmp.resolve("demo"), 60, 14, false);
        PackagedJar.addLatency(net, "ovh", 50);   // slow enough that the poll sees a partial scan on a quiet machine too
        String cfg = net.configFile().toString();
        Path state = net.dir().resolve("state");
        // the twin's uninterrupted runs go on beside the killed network's (own folders, ports and databases)
        Process twinDiscovery = PackagedJar.start(tmp.resolve("twin-disc.log"), "run", "discovery", "--date", "2026-11-20", "--config",
                twin.configFile().toString());
        assertThat(PackagedJar.run(tmp.resolve("disc.log"), "run", "discovery", "--date", "2026-11-20", "--config", cfg)).isZero();
        assertThat(PackagedJar.waitFor(twinDiscovery)).as(Files.readString(tmp.resolve("twin-disc.log"))).isZero();
        Process twinDrift = PackagedJar.start(tmp.resolve("twin-drift.log"), "run", "drift-scan", "--date", "2026-11-20", "--config",
                twin.configFile().toString());

        // when: killed once some instances' partitions completed and others did not
        Process job = PackagedJar.start(tmp.resolve("drift.log"), "run", "drift-scan", "--date", "2026-11-20", "--config", cfg);
        long doneAtKill = PackagedJar.killWhen(job, state,
                "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'driftScanInstance:%' AND STATUS = 'COMPLETED'", n -> n >= 4);
        int restart = PackagedJar.run(tmp.resolve("restart.log"), "restart", "--config", cfg);
        assertThat(PackagedJar.waitFor(twinDrift)).as(Files.readString(tmp.resolve("twin-drift.log"))).isZero();
        Set<String> uninterrupted = PackagedJar.strings(twin.dir().resolve("state"), FINDINGS);

        // then
        assertThat(restart).as(Files.readString(tmp.resolve("restart.log"))).isZero();
        assertThat(doneAtKill).isLessThan(60);
        assertThat(PackagedJar.strings(state, FINDINGS)).isEqualTo(uninterrupted);
        assertThat(PackagedJar.query(state, "SELECT COUNT(*) FROM drift_finding")).isEqualTo(uninterrupted.size());
        assertThat(PackagedJar.query(state, "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STATUS IN ('STARTED', 'STARTING', 'STOPPING')")).isZero();
        assertThat(net.dir().resolve("state/reports/2026-11-20/drift.json")).exists();
    }
}
