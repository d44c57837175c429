package org.homeamp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run report --detailed-exitcode} judges the drift and updates its report shows, like drift-scan and nightly. */
class ReportDetailedExitcodeTest {
    @TempDir
    Path tmp;

    @Test
    void reportExitsThreeWhenItsReportShowsOpenDrift() throws Exception {
        DemoNetwork net = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 5, 12, false);
        String cfg = net.configFile().toString();
        CliRun.of("run", "discovery", "--date", "2026-11-20", "--config", cfg);
        CliRun.of("run", "drift-scan", "--date", "2026-11-20", "--config", cfg);

        CliRun report = CliRun.of("run", "report", "--date", "2026-11-20", "--detailed-exitcode", "--config", cfg);
        CliRun plain = CliRun.of("run", "report", "--date", "2026-11-20", "--rerun", "--config", cfg);

        assertThat(report.exit()).as(report.out() + report.err()).isEqualTo(3);
        assertThat(plain.exit()).as(plain.err()).isZero();
    }

    @Test
    void reportExitsZeroWhenTheDateHasNoDriftScan() throws Exception {
        DemoNetwork net = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 5, 12, false);
        String cfg = net.configFile().toString();
        CliRun.of("run", "discovery", "--date", "2026-11-20", "--config", cfg);

        CliRun report = CliRun.of("run", "report", "--date", "2026-11-20", "--detailed-exitcode", "--config", cfg);

        assertThat(report.exit()).as(report.out() + report.err()).isZero();
    }
}
