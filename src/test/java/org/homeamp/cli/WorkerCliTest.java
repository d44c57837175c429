package org.homeamp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code homeamp worker} refuses what it cannot serve, with exit 2 and a fix, before it starts anything. */
class WorkerCliTest {
    @TempDir
    Path tmp;

    @Test
    void onTheEmbeddedH2DatabaseTheWorkerSaysItNeedsPostgresql() throws Exception {
        DemoNetwork net = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 5, 12, false);

        CliRun r = CliRun.of("worker", "--server", "ovh", "--instances-dir", net.dir().resolve("hosts/ovh/instances").toString(),
                "--config", net.configFile().toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("needs the shared PostgreSQL").contains("spring.datasource.url").contains("docs/scaling.md");
    }

    @Test
    void withoutAServerOrWithAnAmpApiServerAndNoFolderItSaysWhatToGive() throws Exception {
        DemoNetwork net = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 5, 12, false);

        CliRun none = CliRun.of("worker", "--config", net.configFile().toString());
        CliRun noFolder = CliRun.of("worker", "--server", "ovh", "--config", net.configFile().toString());

        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("no server to serve").contains("--server NAME").contains("worker.server");
        assertThat(noFolder.exit()).isEqualTo(2);
        assertThat(noFolder.err()).contains("server ovh has no instances-dir").contains("--instances-dir");
    }
}
