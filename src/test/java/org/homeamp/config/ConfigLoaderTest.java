package org.homeamp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
    private static final String PASSWORD = "Zebra-Quokka-7731-secret";
    private static final Map<String, String> ENV = Map.of("HOMEAMP_OVH_PASSWORD", "ovh-" + PASSWORD);

    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void givenPasswordFileAndInstancesDir() throws IOException {
        config = dir.resolve("homeamp.yml");
        Path passwordFile = Files.writeString(dir.resolve("hetzner.password"), PASSWORD + "\n");
        setMode(passwordFile, "rw-------");
        Files.createDirectories(dir.resolve("instances"));
    }

    /** A valid config; line numbers below are relied on by the tests (server 0 starts on line 5). */
    private static String validYaml() {
        return """
                homeamp:
                  state-dir: state
                  time-zone: Europe/Berlin
                  servers:
                    - name: hetzner
                      amp-url: http://127.0.0.1:8080/API/
                      username: homeamp
                      password-file: hetzner.password
                      files: local
                      instances-dir: instances
                    - name: ovh
                      amp-url: https://ovh.example.org:8080
                      username: homeamp
                      password-env: HOMEAMP_OVH_PASSWORD
                      files: amp-api
                """;
    }

    @Test
    void fullConfigIsReadWithDefaultsResolvedPathsAndFlattenedSpring() throws IOException {
        Files.createDirectories(dir.resolve("sim"));
        write("""
                homeamp:
                  state-dir: state
                  baselines-dir: /opt/homeamp/baselines
                  variables: vars/variables.csv
                  time-zone: Europe/Berlin
                  parallelism: 8
                  servers:
                    - name: hetzner
                      amp-url: http://127.0.0.1:8080/API/
                      username: homeamp
                      password-file: hetzner.password
                      files: local
                      instances-dir: instances
                      target: ADS01
                    - name: ovh
                      amp-url: https://ovh.example.org:8080/
                      username: homeamp
                      password-env: HOMEAMP_OVH_PASSWORD
                      files: amp-api
                  sources:
                    modrinth: { base-url: http://127.0.0.1:9000/modrinth/ }
                    github: { token-env: MY_GH_TOKEN }
                    jenkins: { base-url: https://ci.example.org }
                    user-agent: "homeamp-config-manager/${version} (ops@example.org)"
                  mail:
                    to: [ops@example.org, admin@example.org]
                    from: homeamp@example.org
                  reports:
                    base-url: https://ops.example.org/homeamp
                    keep-days: 30
                  plans:
                    expire-days: 3
                  simulator:
                    hosts-dir: sim
                spring:
                  mail:
                    host: smtp.x
                    port: 2525
                  profiles:
                    active: [a, b]
                """);

        HomeAmpSettings settings = ConfigLoader.load(config, ENV, "1.2.3");

        assertThat(settings.configFile()).isEqualTo(config.toAbsolutePath().normalize());
        assertThat(settings.stateDir()).isEqualTo(dir.resolve("state")).isDirectory();
        assertThat(settings.baselinesDir()).isEqualTo(Path.of("/opt/homeamp/baselines"));
        assertThat(settings.registryDir()).isEqualTo(dir.resolve("registry"));
        assertThat(settings.variables()).isEqualTo(dir.resolve("vars/variables.csv"));
        assertThat(settings.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(settings.parallelism()).isEqualTo(8);

        ServerSettings hetzner = settings.server("hetzner").orElseThrow();
        assertThat(hetzner.ampUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(hetzner.username()).isEqualTo("homeamp");
        assertThat(hetzner.password().reveal()).isEqualTo(PASSWORD);
        assertThat(hetzner.passwordSource()).isEqualTo("password-file " + dir.resolve("hetzner.password"));
        assertThat(hetzner.files()).isEqualTo(FilesMode.LOCAL);
        assertThat(hetzner.instancesDir()).isEqualTo(dir.resolve("instances"));
        assertThat(hetzner.target()).isEqualTo("ADS01");
        ServerSettings ovh = settings.servers().get(1);
        assertThat(ovh.name()).isEqualTo("ovh");
        assertThat(ovh.ampUrl()).isEqualTo(URI.create("https://ovh.example.org:8080"));
        assertThat(ovh.password().reveal()).isEqualTo("ovh-" + PASSWORD);
        assertThat(ovh.passwordSource()).isEqualTo("password-env HOMEAMP_OVH_PASSWORD");
        assertThat(ovh.files()).isEqualTo(FilesMode.AMP_API);
        assertThat(ovh.instancesDir()).isNull();
        assertThat(ovh.toString()).doesNotContain(PASSWORD);

        Map<String, HomeAmpSettings.SourceSettings> sources = settings.sources().byName();
        assertThat(sources.get("modrinth")).isEqualTo(new HomeAmpSettings.SourceSettings("http://127.0.0.1:9000/modrinth", null));
        assertThat(sources.get("hangar").baseUrl()).isEqualTo("https://hangar.papermc.io/api/v1");
        assertThat(sources.get("spiget").baseUrl()).isEqualTo("https://api.spiget.org/v2");
        assertThat(sources.get("github")).isEqualTo(new HomeAmpSettings.SourceSettings("https://api.github.com", "MY_GH_TOKEN"));
        assertThat(sources.get("jenkins").baseUrl()).isEqualTo("https://ci.example.org");
        assertThat(settings.sources().userAgent()).isEqualTo("homeamp-config-manager/1.2.3 (ops@example.org)");

        assertThat(settings.mail().to()).containsExactly("ops@example.org", "admin@example.org");
        assertThat(settings.mail().from()).isEqualTo("homeamp@example.org");
        assertThat(settings.reports()).isEqualTo(new HomeAmpSettings.ReportsSettings("https://ops.example.org/homeamp/", 30));
        assertThat(settings.plans().expireDays()).isEqualTo(3);
        assertThat(settings.simulator().hostsDir()).isEqualTo(dir.resolve("sim"));
        assertThat(settings.springProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "spring.mail.host", "smtp.x", "spring.mail.port", "2525", "spring.profiles.active", "a,b"));
    }

    @Test
    void minimalConfigGetsTheDocumentedDefaults() throws IOException {
        write(validYaml().replace("  time-zone: Europe/Berlin\n", ""));

        HomeAmpSettings settings = ConfigLoader.load(config, ENV, "0.1.0");

        assertThat(settings.baselinesDir()).isEqualTo(dir.resolve("baselines"));
        assertThat(settings.registryDir()).isEqualTo(dir.resolve("registry"));
        assertThat(settings.variables()).isEqualTo(dir.resolve("Master_Variable_Configurations.xlsx"));
        assertThat(settings.timeZone()).isEqualTo(ZoneId.systemDefault());
        assertThat(settings.parallelism()).isEqualTo(4);
        assertThat(settings.sources().byName()).containsOnlyKeys("modrinth", "hangar", "spiget", "github");
        assertThat(settings.sources().byName().get("modrinth").baseUrl()).isEqualTo("https://api.modrinth.com/v2");
        assertThat(settings.sources().byName().get("github").tokenEnv()).isEqualTo("HOMEAMP_GITHUB_TOKEN");
        assertThat(settings.sources().userAgent()).isEqualTo("homeamp-config-manager/0.1.0 (ops@example.org)");
        assertThat(settings.reports().keepDays()).isEqualTo(90);
        assertThat(settings.reports().baseUrl()).isNull();
        assertThat(settings.plans().expireDays()).isEqualTo(7);
        assertThat(settings.simulator()).isNull();
        assertThat(settings.springProperties()).isEmpty();
    }

    @Test
    void unknownKeyIsNamedWithItsLineAndTheClosestKnownKey() throws IOException {
        write(validYaml().replace("  time-zone: Europe/Berlin\n", "  paralellism: 4\n"));

        assertProblem("homeamp.yml:3: homeamp.paralellism: is not a known key. Fix: remove it, or check the spelling"
                + " (did you mean parallelism?); known keys here: state-dir, baselines-dir,");
    }

    @Test
    void unknownServerKeyGetsNoSuggestionWhenNothingIsClose() throws IOException {
        write(validYaml().replace("      files: amp-api\n",
                "      files: amp-api\n      colour: blue\n"));

        String message = problemMessage();
        assertThat(message).contains("homeamp.yml:16: homeamp.servers[1].colour: is not a known key. Fix: remove it,"
                + " or check the spelling; known keys here: name, amp-url, username, password-file,");
        assertThat(message).doesNotContain("did you mean").doesNotContain("blue");
    }

    @Test
    void unknownTopLevelKeyIsAProblem() throws IOException {
        write(validYaml() + "logging:\n  level: debug\n");

        assertProblem("homeamp.yml:16: logging: is not a known key. Fix: remove it, or check the spelling;"
                + " known keys here: homeamp, spring");
    }

    @Test
    void missingPasswordFileNamesTheResolvedPath() throws IOException {
        write(validYaml().replace("password-file: hetzner.password", "password-file: nope.password"));

        assertProblem("homeamp.yml:8: homeamp.servers[0].password-file = nope.password: does not exist (resolved to "
                + dir.resolve("nope.password") + "). Fix: create it with the AMP password");
    }

    @Test
    void passwordFileReadableByOthersIsRefused() throws IOException {
        setMode(dir.resolve("hetzner.password"), "rw-r--r--");
        write(validYaml());

        assertProblem("homeamp.yml:8: homeamp.servers[0].password-file = hetzner.password: is readable by other users"
                + " (mode 0644). Fix: chmod 600 " + dir.resolve("hetzner.password"));
    }

    @Test
    void emptyPasswordFileIsRefused() throws IOException {
        Files.writeString(dir.resolve("hetzner.password"), "\n");
        write(validYaml());

        assertProblem("homeamp.yml:8: homeamp.servers[0].password-file = hetzner.password: is empty"
                + " (resolved to " + dir.resolve("hetzner.password") + "). Fix: write the AMP password into it");
    }

    @Test
    void unsetPasswordEnvNamesTheVariableAndTheEnvironmentFile() throws IOException {
        write(validYaml());

        assertThatThrownBy(() -> ConfigLoader.load(config, Map.of(), "0.1.0"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("homeamp.yml:14: homeamp.servers[1].password-env = HOMEAMP_OVH_PASSWORD:"
                        + " is not set in the environment. Fix: export HOMEAMP_OVH_PASSWORD=... in the service"
                        + " environment (/etc/homeamp/homeamp.env)");
    }

    @Test
    void passwordFileAndPasswordEnvTogetherAreRefused() throws IOException {
        write(validYaml().replace("      password-file: hetzner.password\n",
                "      password-file: hetzner.password\n      password-env: HOMEAMP_HETZNER_PASSWORD\n"));

        assertProblem("homeamp.yml:9: homeamp.servers[0].password-env = HOMEAMP_HETZNER_PASSWORD: is given together"
                + " with password-file (line 8). Fix: keep only one of password-file and password-env");
    }

    @Test
    void serverWithoutAnyPasswordIsRefused() throws IOException {
        write(validYaml().replace("      password-env: HOMEAMP_OVH_PASSWORD\n", ""));

        assertProblem("homeamp.yml:11: homeamp.servers[1].password-file: is missing (and so is password-env). Fix:"
                + " add password-file: /etc/homeamp/ovh.password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://x", "\"not a url\"", "http://", "https://ovh.example.org:8080/?x=1", "localhost:8080"})
    void badAmpUrlIsRefused(String url) throws IOException {
        write(validYaml().replace("https://ovh.example.org:8080", url));
        String shown = url.replace("\"", "");
        shown = shown.contains(" ") ? "\"" + shown + "\"" : shown;

        String message = problemMessage();
        assertThat(message).contains("homeamp.yml:12: homeamp.servers[1].amp-url = " + shown + ": ")
                .containsPattern("\\. Fix: (remove it; )?write an http:// or https:// address, e.g. amp-url: http://127.0.0.1:8080");
    }

    @Test
    void urlWithCredentialsIsRefusedWithoutShowingThem() throws IOException {
        write(validYaml().replace("https://ovh.example.org:8080", "https://admin:" + PASSWORD + "@ovh.example.org"));

        String message = problemMessage();
        assertThat(message).contains("homeamp.yml:12: homeamp.servers[1].amp-url: contains a user name or password");
        assertThat(message).doesNotContain(PASSWORD);
    }

    @Test
    void duplicateServerNameNamesBothEntries() throws IOException {
        write(validYaml().replace("name: ovh", "name: hetzner"));

        assertProblem("homeamp.yml:11: homeamp.servers[1].name = hetzner: is also the name of homeamp.servers[0]"
                + " (line 5). Fix: give every server its own name");
    }

    @Test
    void invalidServerNameIsRefused() throws IOException {
        write(validYaml().replace("name: ovh", "name: \"ovh west\""));

        assertProblem("homeamp.yml:11: homeamp.servers[1].name = \"ovh west\": is not a valid server name. Fix: use 1 to 32");
    }

    @Test
    void missingInstancesDirIsRefusedForLocalFiles() throws IOException {
        write(validYaml().replace("instances-dir: instances", "instances-dir: /no/such/instances"));

        assertProblem("homeamp.yml:10: homeamp.servers[0].instances-dir = /no/such/instances: does not exist. Fix: point"
                + " it at AMP's instances folder (e.g. /home/amp/.ampdata/instances), or use files: amp-api");
    }

    @Test
    void instancesDirWithAmpApiIsRefused() throws IOException {
        write(validYaml().replace("      files: amp-api\n", "      files: amp-api\n      instances-dir: instances\n"));

        assertProblem("homeamp.yml:16: homeamp.servers[1].instances-dir = instances: is not used with files: amp-api."
                + " Fix: remove instances-dir, or use files: local");
    }

    @Test
    void badFilesValueIsRefused() throws IOException {
        write(validYaml().replace("files: amp-api", "files: ssh"));

        assertProblem("homeamp.yml:15: homeamp.servers[1].files = ssh: is neither local nor amp-api. Fix: write files:"
                + " local (instance folders are on this host) or files: amp-api");
    }

    @Test
    void parallelismZeroIsOutOfRange() throws IOException {
        write(validYaml().replace("  time-zone: Europe/Berlin\n", "  parallelism: 0\n"));

        assertProblem("homeamp.yml:3: homeamp.parallelism = 0: is out of range, expected a whole number from 1 to 64."
                + " Fix: write a whole number from 1 to 64, e.g. parallelism: 4");
    }

    @Test
    void parallelismInWordsIsNotANumber() throws IOException {
        write(validYaml().replace("  time-zone: Europe/Berlin\n", "  parallelism: four\n"));

        assertProblem("homeamp.yml:3: homeamp.parallelism = four: is not a whole number. Fix: write a whole number"
                + " from 1 to 64, e.g. parallelism: 4");
    }

    @Test
    void listWhereAValueIsExpectedNamesTheExpectedType() throws IOException {
        write(validYaml().replace("  state-dir: state\n", "  state-dir: [a, b]\n"));

        assertProblem("homeamp.yml:2: homeamp.state-dir: is a list, expected a single value. Fix: write it as"
                + " state-dir: /var/lib/homeamp");
    }

    @Test
    void badTimeZoneIsRefusedWithAnExample() throws IOException {
        write(validYaml().replace("Europe/Berlin", "Europe/Berlinn"));

        assertProblem("homeamp.yml:3: homeamp.time-zone = Europe/Berlinn: is not a time zone. Fix: write a region name"
                + " such as Europe/Berlin");
    }

    @Test
    void stateDirThatCannotBeCreatedIsRefused() throws IOException {
        Files.writeString(dir.resolve("plainfile"), "x");
        write(validYaml().replace("state-dir: state", "state-dir: plainfile/state"));

        assertProblem("homeamp.yml:2: homeamp.state-dir = plainfile/state: cannot be created (resolved to "
                + dir.resolve("plainfile/state") + ")");
    }

    @Test
    void missingRequiredKeysAreNamed() throws IOException {
        write("homeamp:\n  time-zone: UTC\n");

        String message = problemMessage();
        assertThat(message).contains("homeamp.yml:1: homeamp.state-dir: is missing. Fix: add state-dir: /var/lib/homeamp under homeamp")
                .contains("homeamp.yml:1: homeamp.servers: is missing. Fix: add servers:");
    }

    @Test
    void yamlSyntaxErrorNamesLineAndColumn() throws IOException {
        write("homeamp:\n  state-dir: state\n   servers: []\n");

        assertProblem("homeamp.yml:3:11: is not valid YAML: mapping values are not allowed here. Fix: check the indentation");
    }

    @Test
    void tabIndentationIsASyntaxErrorOnItsLine() throws IOException {
        write("homeamp:\n  state-dir: state\n\tservers: []\n");

        assertProblem("homeamp.yml:3:1: is not valid YAML: found character");
    }

    @Test
    void duplicateKeyIsAProblem() throws IOException {
        write(validYaml().replace("  time-zone: Europe/Berlin\n", "  state-dir: other\n"));

        assertProblem("homeamp.yml:3: homeamp.state-dir: is given twice (first at line 2). Fix: keep only one of them");
    }

    @Test
    void aMirrorsOwnLimitIsReadAndALimitWithoutBaseUrlIsRefused() throws IOException {
        write(validYaml() + """
                  sources:
                    modrinth: { base-url: "http://mirror.example.org:8081/v2", max-concurrent: 4, requests-per-minute: 300 }
                """);
        HomeAmpSettings settings = ConfigLoader.load(config, ENV, "0.1.0");
        assertThat(settings.sources().byName().get("modrinth"))
                .isEqualTo(new HomeAmpSettings.SourceSettings("http://mirror.example.org:8081/v2", null, 4, 300));

        write(validYaml() + """
                  sources:
                    hangar: { max-concurrent: 8 }
                """);
        assertProblem("homeamp.sources.hangar.max-concurrent = 8: sets a limit for the service's own host");
        assertProblem("Fix: remove it, or set base-url to the mirror or self-hosted service the limit is for");
    }

    @Test
    void badSourcesMailAndReportsValuesAreRefused() throws IOException {
        write(validYaml() + """
                  sources:
                    modrinth: { base-url: "not a url", token-env: X }
                    jenkins: {}
                  mail:
                    to: ops
                    from: "Ops <ops@example.org>"
                  reports:
                    base-url: ftp://reports
                    keep-days: 0
                  plans:
                    expire-days: soon
                  variables: vars.txt
                """);

        String message = problemMessage();
        assertThat(message)
                .contains("homeamp.yml:17: homeamp.sources.modrinth.base-url = \"not a url\": is not a URL")
                .contains("homeamp.yml:17: homeamp.sources.modrinth.token-env: is not a known key. Fix: remove it,"
                        + " or check the spelling; known keys here: base-url")
                .contains("homeamp.yml:18: homeamp.sources.jenkins.base-url: is missing")
                .contains("homeamp.yml:20: homeamp.mail.to = ops: is text, expected a list. Fix: write it as to: [ops@example.org]")
                .contains("homeamp.yml:21: homeamp.mail.from = \"Ops <ops@example.org>\": is not a mail address")
                .contains("homeamp.yml:23: homeamp.reports.base-url = ftp://reports: is not an http or https URL")
                .contains("homeamp.yml:24: homeamp.reports.keep-days = 0: is out of range, expected a whole number of at least 1")
                .contains("homeamp.yml:26: homeamp.plans.expire-days = soon: is not a whole number")
                .contains("homeamp.yml:27: homeamp.variables = vars.txt: is neither an .xlsx workbook nor a .csv file");
    }

    @Test
    void severalProblemsAreReportedTogetherInFileOrder() throws IOException {
        write(validYaml()
                .replace("  time-zone: Europe/Berlin\n", "  parallelism: 0\n")
                .replace("name: ovh", "name: hetzner")
                .replace("files: amp-api", "files: ssh")
                + "extra: 1\n");

        ConfigException e = loadFails(ENV);

        assertThat(e.problems()).hasSize(4);
        assertThat(e.getMessage().lines()).hasSize(4);
        assertThat(e.problems().get(0)).contains(":3: homeamp.parallelism = 0");
        assertThat(e.problems().get(1)).contains(":11: homeamp.servers[1].name = hetzner");
        assertThat(e.problems().get(2)).contains(":15: homeamp.servers[1].files = ssh");
        assertThat(e.problems().get(3)).contains(":16: extra: is not a known key");
        assertThat(e.problems()).allMatch(line -> line.matches("^.*homeamp\\.yml:\\d+: .+: .+\\. Fix: .+$"));
    }

    @Test
    void passwordsNeverAppearInAnyMessage() throws IOException {
        // Every password-related failure at once, with the planted password reachable from each of them.
        setMode(dir.resolve("hetzner.password"), "rw-rw-rw-");
        write(validYaml()
                .replace("password-env: HOMEAMP_OVH_PASSWORD", "password-env: " + PASSWORD)
                .replace("amp-url: http://127.0.0.1:8080/API/", "amp-url: http://u:" + PASSWORD + "@h/")
                + "  secret-password: " + PASSWORD + "\n"
                + "spring:\n  mail:\n    password: " + PASSWORD + "\n    host: ftp://broken\n");

        ConfigException e = loadFails(Map.of(PASSWORD, PASSWORD));

        assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain("Quokka");
        assertThat(e.problems()).noneMatch(line -> line.contains("Quokka"));
    }

    @Test
    void emptyFileIsAProblem() throws IOException {
        write("");

        assertProblem("homeamp.yml:1: (document): is empty");
    }

    @Test
    void locatePrefersTheGivenFileThenTheLocalThenTheSystemFile() throws IOException {
        Path given = Files.writeString(dir.resolve("given.yml"), "");
        Path local = dir.resolve("local.yml");
        Path system = dir.resolve("system.yml");

        assertThat(ConfigLoader.locate(given, local, system)).isEqualTo(given);
        assertThatThrownBy(() -> ConfigLoader.locate(dir.resolve("missing.yml"), local, system))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--config " + dir.resolve("missing.yml") + ": does not exist. Fix: check the path, or run"
                        + " 'homeamp demo' to create a working example.");
        assertThatThrownBy(() -> ConfigLoader.locate(null, local, system))
                .isInstanceOf(ConfigException.class)
                .hasMessage("no configuration found: looked at " + local + " and " + system
                        + ". Fix: pass --config FILE, or run 'homeamp demo' to create a working example.");

        Files.writeString(system, "");
        assertThat(ConfigLoader.locate(null, local, system)).isEqualTo(system);
        Files.writeString(local, "");
        assertThat(ConfigLoader.locate(null, local, system)).isEqualTo(local);
        assertThat(ConfigLoader.locate(given, local, system)).isEqualTo(given);
    }

    @Test
    void defaultLocationsAreTheDocumentedOnes() {
        assertThat(ConfigLoader.LOCAL_CONFIG).hasToString("./homeamp.yml");
        assertThat(ConfigLoader.SYSTEM_CONFIG).hasToString("/etc/homeamp/homeamp.yml");
    }

    private void write(String yaml) throws IOException {
        Files.writeString(config, yaml);
    }

    private ConfigException loadFails(Map<String, String> env) {
        try {
            ConfigLoader.load(config, env, "0.1.0");
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a ConfigException for\n" + readConfig());
    }

    private String problemMessage() {
        String message = loadFails(ENV).getMessage();
        assertThat(message).doesNotContain(PASSWORD);
        return message;
    }

    private void assertProblem(String expected) {
        assertThat(problemMessage()).contains(config + ":").contains(expected);
    }

    private String readConfig() {
        try {
            return Files.readString(config);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void setMode(Path file, String mode) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }
}
