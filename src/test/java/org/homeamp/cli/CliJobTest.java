package org.homeamp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run / status / restart through the command line, on a demo network. */
class CliJobTest {
    @TempDir
    Path tmp;

    @Test
    void runStatusAndCompletedDate() throws Exception {
        DemoNetwork net = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 5, 12, false);
        String cfg = net.configFile().toString();

        CliRun first = CliRun.of("run", "discovery", "--date", "2026-11-20", "--config", cfg);
        CliRun second = CliRun.of("run", "discovery", "--date", "2026-11-20", "--config", cfg);
        CliRun status = CliRun.of("status", "--config", cfg);
        CliRun nothing = CliRun.of("restart", "--config", cfg);

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("discovery for 2026-11-20 completed");
        assertThat(second.exit()).isZero();
        assertThat(second.out()).contains("already completed");
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("ID").contains("discovery").contains("2026-11-20").contains("COMPLETED");
        assertThat(nothing.exit()).isZero();
        assertThat(nothing.out()).contains("Nothing to restart");
    }

    @Test
    void malformedRulesStopTheRunBeforeAnyWork() throws Exception {
        DemoNetwork net = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 5, 12, false);
        java.nio.file.Path rules = net.dir().resolve("baselines/rules.yml");
        java.nio.file.Files.writeString(rules, "ignore:\n  - files: \"*.yml\"\n    keys: [a]\n");

        CliRun r = CliRun.of("run", "nightly", "--date", "2026-11-20", "--config", net.configFile().toString());
        CliRun status = CliRun.of("status", "--config", net.configFile().toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("rules.yml").contains("line 2").contains("reason");
        assertThat(status.out()).contains("No job has run yet");
    }

    @Test
    void detailedExitcodeIsThreeWhenDriftIsPending() throws Exception {
        DemoNetwork net = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 5, 12, false);
        String cfg = net.configFile().toString();

        CliRun discovery = CliRun.of("run", "discovery", "--date", "2026-11-20", "--detailed-exitcode", "--config", cfg);
        CliRun drift = CliRun.of("run", "drift-scan", "--date", "2026-11-20", "--detailed-exitcode", "--config", cfg);
        CliRun plain = CliRun.of("run", "drift-scan", "--date", "2026-11-20", "--config", cfg);

        assertThat(discovery.exit()).as(discovery.err()).isZero();
        assertThat(drift.exit()).as(drift.err()).isEqualTo(3);
        assertThat(plain.exit()).isZero();
    }

    @Test
    void serverFilterMustNameAConfiguredServer() throws Exception {
        DemoNetwork net = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 5, 12, false);

        CliRun r = CliRun.of("run", "discovery", "--server", "aws", "--config", net.configFile().toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--server aws").contains("hetzner");
    }
}
