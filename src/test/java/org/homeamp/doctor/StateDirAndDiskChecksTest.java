package org.homeamp.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import org.homeamp.approval.PlanSigner;
import org.homeamp.doctor.ServiceUser.Access;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State dir ownership and rights, the signing key's mode, the permission rules, and free disk. */
class StateDirAndDiskChecksTest {
    /** Ids no account on this host has: the rules are judged from the bits alone. */
    private static final int UID = 42_4242;
    private static final int GID = 42_4243;

    @TempDir
    Path tmp;

    @Test
    void signingKeyReadableByOthersFails() throws IOException {
        Path state = Files.createDirectories(tmp.resolve("state"));
        Path key = state.resolve(PlanSigner.KEY_FILE);
        Files.write(key, new byte[32]);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        CheckResult loose = AmpChecksTest.find(StateDirChecks.check(state, ServiceUser.current()), "signing-key");

        assertThat(loose.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(loose.detail()).contains("rw-r--r--");
        assertThat(loose.fix()).startsWith("chmod 600 " + key);

        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        assertThat(AmpChecksTest.find(StateDirChecks.check(state, ServiceUser.current()), "signing-key").status()).isEqualTo(CheckStatus.OK);
    }

    @Test
    void stateDirOfAnotherUserFailsOwnerAndWritable() throws IOException {
        Path state = Files.createDirectories(tmp.resolve("state"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-x---"));
        ServiceUser service = new ServiceUser("svc", UID, Set.of(GID));

        List<CheckResult> results = StateDirChecks.check(state, service);

        assertThat(AmpChecksTest.find(results, "state-dir owner").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(AmpChecksTest.find(results, "state-dir owner").fix()).isEqualTo("chown -R svc " + state);
        assertThat(AmpChecksTest.find(results, "state-dir writable").status()).isEqualTo(CheckStatus.FAIL);

        Files.setAttribute(state, "unix:uid", UID);
        List<CheckResult> owned = StateDirChecks.check(state, service);

        assertThat(owned).allSatisfy(r -> assertThat(r.status()).as(r.line()).isEqualTo(CheckStatus.OK));
    }

    @Test
    void missingStateDirFails() {
        CheckResult missing = StateDirChecks.check(tmp.resolve("absent"), ServiceUser.current()).get(0);

        assertThat(missing.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(missing.fix()).contains("install -d -m 0750");
    }

    @Test
    void permissionsFollowOwnerThenGroupThenOthers() throws IOException {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dir = Files.createDirectories(tmp.resolve("instances"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        Files.setAttribute(dir, "unix:gid", GID);
        ServiceUser inGroup = new ServiceUser("amp-member", UID, Set.of(GID));
        ServiceUser stranger = new ServiceUser("stranger", UID + 1, Set.of(GID + 1));
        ServiceUser root = new ServiceUser("root", 0, Set.of(0));

        assertThat(inGroup.may(dir, Access.READ)).isTrue();
        assertThat(inGroup.may(dir, Access.WRITE)).isFalse();
        assertThat(stranger.may(dir, Access.READ)).isFalse();
        assertThat(root.may(dir, Access.WRITE)).isTrue();

        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwx---"));
        assertThat(inGroup.may(dir, Access.WRITE)).isTrue();

        // a readable folder below one the user may not enter is still out of reach
        Path inner = Files.createDirectories(dir.resolve("Lobby01"));
        Files.setPosixFilePermissions(inner, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrw-rw-"));
        assertThat(inGroup.may(inner, Access.READ)).isFalse();
    }

    @Test
    void diskBelowTheLimitFails() {
        CheckResult full = HostChecks.disk(tmp, Long.MAX_VALUE / 2, 0);

        assertThat(full.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(full.detail()).contains("free for " + tmp);
        assertThat(HostChecks.disk(tmp, 1024, 0).status()).isEqualTo(CheckStatus.OK);
    }

    @Test
    void pendingDownloadsRaiseTheNeed() {
        CheckResult needed = HostChecks.disk(tmp, 1024, Long.MAX_VALUE / 2);

        assertThat(needed.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(needed.detail()).contains("the pending downloads need");
    }

    @Test
    void sizesParseAsOperatorsWriteThem() {
        assertThat(HostChecks.parseSize("512M")).isEqualTo(512L * 1024 * 1024);
        assertThat(HostChecks.parseSize("2G")).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(HostChecks.parseSize("2GiB")).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(HostChecks.parseSize("1000")).isEqualTo(1000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HostChecks.parseSize("lots"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("512M");
    }

    @Test
    void timerStateComesFromSystemctl() throws IOException {
        Path fake = tmp.resolve("systemctl");
        // stands in for systemctl, which cannot run in this container: answers like systemd for a disabled timer
        Files.writeString(fake, "#!/bin/sh\n[ \"$1\" = is-enabled ] && { echo disabled; exit 1; }\necho inactive; exit 3\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));

        CheckResult disabled = HostChecks.timer(fake.toString());

        assertThat(disabled.status()).isEqualTo(CheckStatus.WARN);
        assertThat(disabled.fix()).isEqualTo("systemctl enable --now homeamp-nightly.timer");
        assertThat(HostChecks.timer(tmp.resolve("none").toString()).status()).isEqualTo(CheckStatus.SKIP);
    }
}
