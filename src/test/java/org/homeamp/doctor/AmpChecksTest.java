package org.homeamp.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.homeamp.config.HomeAmpSettings;
import org.homeamp.config.Secret;
import org.homeamp.config.ServerSettings;
import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.SimulatedHosts;
import org.homeamp.demo.ampsim.SimulatorControl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-server checks against the in-process AMP simulator: reachability, one login, instances, files. */
class AmpChecksTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path tmp;
    static DemoNetwork network;

    @BeforeAll
    static void demo() throws IOException {
        network = DoctorDemo.generate(tmp.resolve("demo"));
    }

    @Test
    void workingServersPassEveryCheck() {
        HomeAmpSettings loaded = DoctorDemo.settings(network);
        try (SimulatedHosts hosts = SimulatedHosts.start(loaded)) {
            for (ServerSettings server : hosts.settings().servers()) {
                List<CheckResult> results = AmpChecks.check(server, "homeamp-test", TIMEOUT, ServiceUser.current());

                assertThat(results).extracting(CheckResult::check).containsExactly("amp " + server.name(), "amp " + server.name() + " login",
                        "amp " + server.name() + " instances", "amp " + server.name() + " files");
                assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.line()).isEqualTo(CheckStatus.OK));
            }
        }
    }

    @Test
    void wrongPasswordIsTriedExactlyOnce() {
        HomeAmpSettings loaded = DoctorDemo.settings(network);
        try (SimulatedHosts hosts = SimulatedHosts.start(loaded)) {
            ServerSettings right = hosts.settings().server("ovh").orElseThrow();
            String wrongPassword = right.password().reveal() + "x";
            ServerSettings wrong = new ServerSettings(right.name(), right.ampUrl(), right.username(), new Secret(wrongPassword),
                    right.passwordSource(), right.files(), right.instancesDir(), right.target());
            SimulatorControl sim = hosts.simulator("ovh").control();

            List<CheckResult> results = AmpChecks.check(wrong, "homeamp-test", TIMEOUT, ServiceUser.current());

            assertThat(sim.failedLoginCount()).isEqualTo(1);
            assertThat(sim.callCount("Core/Login")).isEqualTo(1);
            assertThat(status(results, "amp ovh")).isEqualTo(CheckStatus.OK);
            CheckResult login = find(results, "amp ovh login");
            assertThat(login.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(login.fix()).contains(right.passwordSource()).contains("tried once");
            assertThat(status(results, "amp ovh instances")).isEqualTo(CheckStatus.SKIP);
            assertThat(status(results, "amp ovh files")).isEqualTo(CheckStatus.SKIP);
            assertThat(results).allSatisfy(r -> assertThat(r.line()).doesNotContain(wrongPassword).doesNotContain(right.password().reveal()));
        }
    }

    @Test
    void userWhoMayNotListInstancesOrFilesFails() {
        HomeAmpSettings loaded = DoctorDemo.settings(network);
        try (SimulatedHosts hosts = SimulatedHosts.start(loaded)) {
            ServerSettings ovh = hosts.settings().server("ovh").orElseThrow();
            SimulatorControl sim = hosts.simulator("ovh").control();
            sim.failNextCall("ADSModule/GetInstances", "{\"Title\":\"Unauthorized Access\",\"Message\":\"missing permission\",\"StackTrace\":\"\"}");

            List<CheckResult> noListing = AmpChecks.check(ovh, "homeamp-test", TIMEOUT, ServiceUser.current());

            assertThat(find(noListing, "amp ovh instances").status()).isEqualTo(CheckStatus.FAIL);
            assertThat(find(noListing, "amp ovh instances").fix()).contains("permission to see instances");
            assertThat(status(noListing, "amp ovh files")).isEqualTo(CheckStatus.SKIP);

            sim.failNextCall("FileManagerPlugin/GetDirectoryListing", "{\"Title\":\"Forbidden\",\"Message\":\"no FileManager permission\",\"StackTrace\":\"\"}");
            List<CheckResult> noFiles = AmpChecks.check(ovh, "homeamp-test", TIMEOUT, ServiceUser.current());

            assertThat(status(noFiles, "amp ovh instances")).isEqualTo(CheckStatus.OK);
            assertThat(find(noFiles, "amp ovh files").status()).isEqualTo(CheckStatus.FAIL);
            assertThat(find(noFiles, "amp ovh files").fix()).contains("FileManager permission");
        }
    }

    @Test
    void closedPortIsUnreachable() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ServerSettings server = new ServerSettings("gone", URI.create("http://127.0.0.1:" + closed), "homeamp", new Secret("pw"),
                "password-env HOMEAMP_GONE", org.homeamp.config.FilesMode.AMP_API, null, null);

        List<CheckResult> results = AmpChecks.check(server, "homeamp-test", TIMEOUT, ServiceUser.current());

        CheckResult amp = find(results, "amp gone");
        assertThat(amp.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(amp.detail()).contains("127.0.0.1:" + closed);
        assertThat(amp.fix()).contains("amp-url of server gone");
        assertThat(results).extracting(CheckResult::status).containsExactly(CheckStatus.FAIL, CheckStatus.SKIP, CheckStatus.SKIP);
    }

    /**
     * Tests run as root here, and root may read anything, so the unreadable folder is checked for the
     * unprivileged user {@code nobody}: doctor judges the mode bits for the service user it is given.
     */
    @Test
    void instancesDirUnreadableForTheServiceUserFails() throws IOException {
        ServiceUser nobody = ServiceUser.lookup("nobody").orElseThrow();
        HomeAmpSettings loaded = DoctorDemo.settings(network);
        ServerSettings hetzner = loaded.server("hetzner").orElseThrow();
        Path dir = hetzner.instancesDir();
        for (Path p = dir.getParent(); p != null && p.startsWith(tmp); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(dir);
        try (SimulatedHosts hosts = SimulatedHosts.start(loaded)) {
            ServerSettings server = hosts.settings().server("hetzner").orElseThrow();
            Files.setPosixFilePermissions(dir, Set.of());

            CheckResult denied = find(AmpChecks.check(server, "homeamp-test", TIMEOUT, nobody), "amp hetzner files");

            assertThat(denied.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(denied.detail()).isEqualTo("nobody may not read " + dir);
            assertThat(denied.fix()).contains("usermod -a -G amp nobody");

            grantOthers(dir);
            CheckResult allowed = find(AmpChecks.check(server, "homeamp-test", TIMEOUT, nobody), "amp hetzner files");

            assertThat(allowed.status()).as(allowed.line()).isEqualTo(CheckStatus.OK);
        } finally {
            Files.setPosixFilePermissions(dir, before);
        }
    }

    private static void grantOthers(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(p).isEmpty()
                        ? Set.of(PosixFilePermission.OWNER_READ) : Files.getPosixFilePermissions(p));
                perms.addAll(Set.of(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE,
                        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
                Files.setPosixFilePermissions(p, perms);
            }
        }
    }

    static CheckResult find(List<CheckResult> results, String check) {
        return results.stream().filter(r -> r.check().equals(check)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + check + " in " + results));
    }

    private static CheckStatus status(List<CheckResult> results, String check) {
        return find(results, check).status();
    }
}
