package org.homeamp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code homeamp history} as an operator types it: the answer reaches the terminal, in text and JSON. */
class HistoryCliTest {
    @TempDir
    Path tmp;

    @Test
    void historyOfAnInstallationWithoutDeploymentsSaysSoAndJsonIsAnEmptyList() throws Exception {
        DemoNetwork net = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 5, 12, false);

        CliRun text = CliRun.of("history", "--config", net.configFile().toString());
        CliRun json = CliRun.of("history", "--json", "--config", net.configFile().toString());
        CliRun unknown = CliRun.of("history", "D-20261203-9", "--config", net.configFile().toString());

        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("No deployments yet").contains("homeamp deploy");
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"format_version\"").contains("\"deployments\" : [ ]");
        assertThat(unknown.exit()).isEqualTo(HomeAmpCli.USAGE);
        assertThat(unknown.err()).contains("no deployment D-20261203-9");
    }
}
