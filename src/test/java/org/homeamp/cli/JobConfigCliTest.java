package org.homeamp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.homeamp.config.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths the jobs need are checked with the rest of homeamp.yml, before Spring starts. */
class JobConfigCliTest {
    @TempDir
    Path tmp;

    @Test
    void aMissingBaselinesFolderIsNamedWithItsLineBeforeSpringStarts() throws Exception {
        // given: the baselines folder is gone, and Spring could not even start
        DemoNetwork net = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 5, 12, false);
        AtomicFiles.deleteTree(net.dir().resolve("baselines"));
        Files.writeString(net.configFile(), Files.readString(net.configFile())
                + "spring:\n  batch:\n    jdbc:\n      schema: classpath:db/no-such-schema.sql\n");
        int line = Files.readAllLines(net.configFile()).indexOf("  baselines-dir: ./baselines") + 1;

        // when
        CliRun run = CliRun.of("run", "drift-scan", "--config", net.configFile().toString());

        // then
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(net.configFile() + ":" + line + ": homeamp.baselines-dir = ./baselines: does not exist")
                .contains("Fix: ").contains("docs/baselines.md").doesNotContain("SPEC").doesNotContain("no-such-schema");
    }
}
