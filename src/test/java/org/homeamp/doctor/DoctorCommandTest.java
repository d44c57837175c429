package org.homeamp.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.homeamp.cli.HomeAmpCli;
import org.homeamp.demo.DemoNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code homeamp doctor} end to end on a demo config: its simulators start in-process, as for every command. */
class DoctorCommandTest {
    @TempDir
    static Path tmp;
    static DemoNetwork network;

    @BeforeAll
    static void demo() throws IOException {
        network = DoctorDemo.generate(tmp.resolve("demo"));
    }

    @Test
    void demoConfigPassesWithOneLinePerCheck() {
        Run run = Run.of("doctor", "--config", network.configFile().toString());

        assertThat(run.exit).as(run.out + run.err).isEqualTo(0);
        assertThat(run.out).contains("OK    config").contains("OK    amp hetzner login").contains("OK    amp ovh files")
                .contains("OK    registry").contains("OK    baselines").contains("OK    database").contains("OK    mail")
                .contains("OK    disk").contains("OK    source modrinth").contains("doctor: no problem found").doesNotContain("FAIL");
        assertThat(run.out.lines().filter(l -> l.matches("^(OK|WARN|FAIL|SKIP) .*")).count()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void jsonListsEveryCheck() {
        Run run = Run.of("doctor", "--json", "--config", network.configFile().toString());

        JsonNode root = JsonMapper.builder().build().readTree(run.out);
        assertThat(root.path("ok").asBoolean()).isTrue();
        assertThat(root.path("checks").size()).isGreaterThanOrEqualTo(20);
        assertThat(root.path("checks").get(0).path("status").asString()).isEqualTo("OK");
    }

    @Test
    void fullDiskByTheLimitSettingFailsWithExitOne() {
        Run run = Run.of("doctor", "--min-free-disk", "1000000T", "--config", network.configFile().toString());

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.out).containsPattern("FAIL  disk .* free for .* Fix: free space").contains("doctor: 1 problem(s) to fix");
    }

    @Test
    void invalidConfigIsOneFailureAndNothingElseIsTried() throws IOException {
        Path config = tmp.resolve("broken.yml");
        Files.writeString(config, Files.readString(network.configFile()).replace("  parallelism:", "  paralelism:"));

        Run run = Run.of("doctor", "--config", config.toString());

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.out).containsPattern("FAIL  config .*paralelism").contains("SKIP  everything else").doesNotContain("amp hetzner");
    }

    @Test
    void badSizeIsAUsageError() {
        Run run = Run.of("doctor", "--min-free-disk", "lots", "--config", network.configFile().toString());

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).contains("512M");
    }

    private record Run(int exit, String out, String err) {
        static Run of(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = HomeAmpCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
            return new Run(exit, out.toString(), err.toString());
        }
    }
}
