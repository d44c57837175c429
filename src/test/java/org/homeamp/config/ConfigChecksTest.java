package org.homeamp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders the jobs need, the size limit, the deploy keys and YAML 1.1 values of homeamp.yml. */
class ConfigChecksTest {
    private static final Map<String, String> ENV = Map.of();

    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void givenPasswordFile() throws IOException {
        config = dir.resolve("homeamp.yml");
        Path password = Files.writeString(dir.resolve("hetzner.password"), "secret\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
    }

    /** Line 2: state-dir, 3: baselines-dir, 4: registry-dir, 5: variables; {@code extra} goes on from line 6. */
    private void write(String extra) throws IOException {
        Files.writeString(config, """
                homeamp:
                  state-dir: state
                  baselines-dir: my-baselines
                  registry-dir: my-registry
                  variables: vars.csv
                """ + extra + """
                  servers:
                    - name: hetzner
                      amp-url: http://127.0.0.1:8080
                      username: homeamp
                      password-file: hetzner.password
                      files: amp-api
                """);
    }

    private ConfigException loadForJobsFails() {
        try {
            ConfigLoader.loadForJobs(config, ENV, "0.1.0");
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void missingFoldersAndVariablesFileAreNamedWithTheirLineBeforeAnyJob() throws IOException {
        write("");

        ConfigException e = loadForJobsFails();

        assertThat(e.problems()).hasSize(3);
        assertThat(e.problems().get(0)).startsWith(config + ":3: homeamp.baselines-dir = my-baselines: does not exist (resolved to "
                + dir.resolve("my-baselines") + "). Fix: point baselines-dir at the folder");
        assertThat(e.problems().get(0)).contains("docs/baselines.md").doesNotContain("SPEC");
        assertThat(e.problems().get(1)).startsWith(config + ":4: homeamp.registry-dir = my-registry: does not exist");
        assertThat(e.problems().get(2)).startsWith(config + ":5: homeamp.variables = vars.csv: does not exist");
    }

    @Test
    void aRegistryFolderWithoutPluginsIsNamed() throws IOException {
        write("");
        Files.createDirectories(dir.resolve("my-baselines"));
        Files.createDirectories(dir.resolve("my-registry"));
        Files.writeString(dir.resolve("vars.csv"), "instance\n");

        ConfigException e = loadForJobsFails();

        assertThat(e.getMessage()).isEqualTo(config + ":4: homeamp.registry-dir = my-registry: has no plugins/ folder ("
                + dir.resolve("my-registry/plugins") + "). Fix: point registry-dir at the folder that holds plugins/,"
                + " or copy the shipped registry/ there");
    }

    @Test
    void existingFoldersPassAndPlainLoadDoesNotCheckThem() throws IOException {
        write("");
        assertThat(ConfigLoader.load(config, ENV, "0.1.0").baselinesDir()).isEqualTo(dir.resolve("my-baselines"));

        Files.createDirectories(dir.resolve("my-baselines"));
        Files.createDirectories(dir.resolve("my-registry/plugins"));
        Files.writeString(dir.resolve("vars.csv"), "instance\n");
        assertThat(ConfigLoader.loadForJobs(config, ENV, "0.1.0").registryDir()).isEqualTo(dir.resolve("my-registry"));
    }

    @Test
    void aFileOverOneMebibyteIsRefusedBeforeParsing() throws IOException {
        write("");
        try (OutputStream out = Files.newOutputStream(config, java.nio.file.StandardOpenOption.APPEND)) {
            byte[] line = "# padding padding padding padding padding padding padding padding\n".getBytes(StandardCharsets.UTF_8);
            for (long written = 0; written <= YamlNodes.MAX_BYTES; written += line.length) {
                out.write(line);
            }
        }

        assertThatThrownBy(() -> ConfigLoader.load(config, ENV, "0.1.0"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(config + ":1: is 1024 KiB, more than the 1024 KiB a configuration file")
                .hasMessageContaining("Fix: ");
    }

    @Test
    void deployKeysAreReadWithTheirDefaults() throws IOException {
        write("");
        assertThat(ConfigLoader.load(config, ENV, "0.1.0").deploy())
                .isEqualTo(new HomeAmpSettings.DeploySettings(1, Duration.ofSeconds(180), 90));

        write("  deploy:\n    parallel: 2\n    health-timeout: 3m\n  plans:\n    expire-days: 5\n");
        HomeAmpSettings settings = ConfigLoader.load(config, ENV, "0.1.0");
        assertThat(settings.deploy()).isEqualTo(new HomeAmpSettings.DeploySettings(2, Duration.ofMinutes(3), 90));
        assertThat(settings.plans().expireDays()).isEqualTo(5);
    }

    @Test
    void badDeployValuesAreRefusedWithLineAndFix() throws IOException {
        write("  deploy:\n    parallel: 0\n    health-timeout: 180\n    paralel: 2\n");

        ConfigException e = assertThrowsConfig();

        assertThat(e.problems()).containsExactly(
                config + ":7: homeamp.deploy.parallel = 0: is out of range, expected a whole number of at least 1. Fix: write a whole number of at least 1, e.g. parallel: 1",
                config + ":8: homeamp.deploy.health-timeout = 180: has no unit. Fix: write a duration with its unit, e.g. health-timeout: 180s or health-timeout: 3m (at most 24h)",
                config + ":9: homeamp.deploy.paralel: is not a known key. Fix: remove it, or check the spelling (did you mean parallel?); known keys here: parallel, health-timeout, keep-backups-days");
    }

    @Test
    void keepBackupsDaysDefaultsToTheReportsKeepDaysAndIsValidatedLikeThem() throws IOException {
        write("  reports:\n    keep-days: 30\n");
        assertThat(ConfigLoader.load(config, ENV, "0.1.0").deploy().keepBackupsDays()).isEqualTo(30);

        write("  reports:\n    keep-days: 30\n  deploy:\n    parallel: 1\n");
        assertThat(ConfigLoader.load(config, ENV, "0.1.0").deploy().keepBackupsDays()).isEqualTo(30);

        write("  reports:\n    keep-days: 30\n  deploy:\n    keep-backups-days: 365\n");
        assertThat(ConfigLoader.load(config, ENV, "0.1.0").deploy().keepBackupsDays()).isEqualTo(365);

        write("  reports:\n    keep-days: 30\n  deploy:\n    keep-backups-days: 0\n");
        assertThat(assertThrowsConfig().problems()).containsExactly(config + ":9: homeamp.deploy.keep-backups-days = 0: is out of range,"
                + " expected a whole number of at least 1. Fix: write a whole number of at least 1, e.g. keep-backups-days: 30");

        write("  deploy:\n    keep-backups-days: a month\n");
        assertThat(assertThrowsConfig().getMessage()).contains(":7: homeamp.deploy.keep-backups-days = \"a month\": is not a whole number. Fix: write a whole number of at least 1, e.g. keep-backups-days: 90");
    }

    @Test
    void healthTimeoutInWordsOrTooLongIsRefused() throws IOException {
        write("  deploy:\n    health-timeout: soon\n");
        assertThat(assertThrowsConfig().getMessage()).contains(":7: homeamp.deploy.health-timeout = soon: is not a duration");

        write("  deploy:\n    health-timeout: 25h\n");
        assertThat(assertThrowsConfig().getMessage()).contains(":7: homeamp.deploy.health-timeout = 25h: is out of range");
    }

    @Test
    void yamlOneOneBooleansStayTheTextTheOperatorWrote() throws IOException {
        // YAML 1.1 reads on, yes, no as booleans; the tool's own settings take the text as written
        Files.writeString(config, """
                homeamp:
                  state-dir: state
                  servers:
                    - name: on
                      amp-url: http://127.0.0.1:8080
                      username: yes
                      password-file: hetzner.password
                      files: amp-api
                  mail:
                    to: [no@example.org]
                """);

        HomeAmpSettings settings = ConfigLoader.load(config, ENV, "0.1.0");

        assertThat(settings.servers().get(0).name()).isEqualTo("on");
        assertThat(settings.servers().get(0).username()).isEqualTo("yes");
    }

    @Test
    void aBooleanWhereANumberOrAModeIsExpectedIsAClearProblem() throws IOException {
        write("  parallelism: yes\n");
        assertThat(assertThrowsConfig().getMessage())
                .contains(":6: homeamp.parallelism = yes: is true/false, expected a whole number");

        write("");
        Files.writeString(config, Files.readString(config).replace("files: amp-api", "files: on"));
        assertThat(assertThrowsConfig().getMessage()).contains("homeamp.servers[0].files = on: is neither local nor amp-api");
    }

    @Test
    void anOctalLookingNumberIsReadAsWritten() throws IOException {
        write("  parallelism: 010\n");
        assertThat(ConfigLoader.load(config, ENV, "0.1.0").parallelism()).isEqualTo(10);
    }

    private ConfigException assertThrowsConfig() {
        try {
            ConfigLoader.load(config, ENV, "0.1.0");
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a ConfigException");
    }
}
