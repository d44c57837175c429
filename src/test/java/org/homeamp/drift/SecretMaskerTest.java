package org.homeamp.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret fingerprints are keyed per installation: not a plain hash anyone can look up, yet stable from run to run. */
class SecretMaskerTest {
    @TempDir
    Path state;

    @Test
    void emptyAndShortSecretsAreNotPlainSha256Prefixes() throws Exception {
        SecretMasker masker = SecretMasker.forStateDir(state);

        for (String clear : new String[] {"", "hunter2", "admin"}) {
            String plain = SecretMasker.PREFIX + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(clear.getBytes(StandardCharsets.UTF_8)), 0, 4);
            assertThat(masker.fingerprint(clear)).as(clear).startsWith(SecretMasker.PREFIX).isNotEqualTo(plain);
        }
        assertThat(masker.fingerprint("")).isNotEqualTo("secret:sha256:e3b0c442");
    }

    @Test
    void sameSecretSameFingerprintAcrossRunsOfOneInstallation() {
        String first = SecretMasker.forStateDir(state).fingerprint("rcon-Pass-1");
        String second = SecretMasker.forStateDir(state).fingerprint("rcon-Pass-1");

        assertThat(second).isEqualTo(first);
        assertThat(SecretMasker.forStateDir(state).fingerprint("rcon-Pass-2")).isNotEqualTo(first);
    }

    @Test
    void anotherInstallationGivesOtherFingerprints() {
        String here = SecretMasker.forStateDir(state.resolve("a")).fingerprint("rcon-Pass-1");
        String there = SecretMasker.forStateDir(state.resolve("b")).fingerprint("rcon-Pass-1");

        assertThat(there).isNotEqualTo(here);
    }

    @Test
    void keyIsOwnerOnlyAndALooserKeyIsRefused() throws Exception {
        SecretMasker.forStateDir(state);
        Path key = state.resolve(SecretMasker.KEY_FILE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.size(key)).isEqualTo(32);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> SecretMasker.forStateDir(state)).hasMessageContaining("chmod 600").hasMessageContaining(key.toString());
    }
}
