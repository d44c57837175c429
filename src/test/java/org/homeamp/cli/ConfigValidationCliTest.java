package org.homeamp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad configuration of issue #2 stops the tool with exit code 2 and one line naming the key,
 * the value and the fix, before anything runs.
 */
class ConfigValidationCliTest {
    @TempDir
    Path dir;

    @BeforeEach
    void passwordFiles() throws Exception {
        Files.createDirectories(dir.resolve("instances"));
        Path pw = Files.writeString(dir.resolve("hetzner.password"), "s3cret-Pa55word\n");
        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
    }

    private Path config(String servers) throws Exception {
        return Files.writeString(dir.resolve("homeamp.yml"), """
                homeamp:
                  state-dir: ./state
                  servers:
                """ + servers);
    }

    private static final String GOOD = """
                    - name: hetzner
                      amp-url: http://127.0.0.1:8080
                      username: homeamp
                      password-file: ./hetzner.password
                      files: local
                      instances-dir: ./instances
                """;

    private CliRun run(Path config) {
        return CliRun.of("run", "discovery", "--config", config.toString());
    }

    @Test
    void unknownKey() throws Exception {
        CliRun r = run(config(GOOD.replace("      files: local", "      filez: local\n      files: local")));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("homeamp.servers[0].filez").contains(":8:").contains("Fix:").contains("did you mean files?");
    }

    @Test
    void missingPasswordFile() throws Exception {
        CliRun r = run(config(GOOD.replace("./hetzner.password", "./nope.password")));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("homeamp.servers[0].password-file").contains("nope.password").contains("Fix:");
    }

    @Test
    void passwordFileReadableByOthers() throws Exception {
        Files.setPosixFilePermissions(dir.resolve("hetzner.password"), PosixFilePermissions.fromString("rw-r--r--"));

        CliRun r = run(config(GOOD));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("homeamp.servers[0].password-file").contains("0644").contains("chmod 600");
        assertThat(r.err() + r.out()).doesNotContain("s3cret-Pa55word");
    }

    @Test
    void badUrl() throws Exception {
        CliRun r = run(config(GOOD.replace("http://127.0.0.1:8080", "ftp://amp.example.org")));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("homeamp.servers[0].amp-url").contains("ftp://amp.example.org").contains("Fix:");
    }

    @Test
    void duplicateServerName() throws Exception {
        CliRun r = run(config(GOOD + GOOD));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("homeamp.servers[1].name").contains("hetzner").contains("Fix:");
    }

    @Test
    void instancesDirThatDoesNotExist() throws Exception {
        CliRun r = run(config(GOOD.replace("./instances", "./missing-instances")));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("homeamp.servers[0].instances-dir").contains("missing-instances").contains("Fix:");
    }

    @Test
    void noConfigAtAll() {
        CliRun r = CliRun.of("status", "--config", dir.resolve("absent.yml").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("absent.yml").contains("homeamp demo");
    }

    @Test
    void badUsageIsExitTwo() throws Exception {
        assertThat(CliRun.of("run").exit()).isEqualTo(2);
        assertThat(CliRun.of("frobnicate").exit()).isEqualTo(2);
        CliRun unknownJob = CliRun.of("run", "fly", "--config", config(GOOD).toString());
        assertThat(unknownJob.exit()).isEqualTo(2);
        assertThat(unknownJob.err()).contains("unknown job 'fly'").contains("discovery");
        CliRun badDate = CliRun.of("run", "discovery", "--date", "25.11.2026", "--config", config(GOOD).toString());
        assertThat(badDate.exit()).isEqualTo(2);
        assertThat(badDate.err()).contains("YYYY-MM-DD");
    }

    @Test
    void helpAndVersionAnswerWithoutConfig() {
        CliRun help = CliRun.of("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("demo").contains("run").contains("status").contains("restart").contains("Exit codes");
        for (String cmd : new String[] {"demo", "run", "status", "restart"}) {
            assertThat(CliRun.of(cmd, "--help").exit()).isZero();
        }
        assertThat(CliRun.of("--version").out()).startsWith("homeamp ");
    }
}
