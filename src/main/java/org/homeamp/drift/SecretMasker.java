package org.homeamp.drift;

import org.homeamp.config.KeyFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces secret values by a short fingerprint, so a report can still show that a password differs
 * from (or equals) the expected one without showing either value.
 *
 * <p>The fingerprint is eight hex digits of an HMAC-SHA256 under a key of this installation
 * ({@code <state-dir>/fingerprint.key}, 32 random bytes, mode 0600, made once). A plain hash would
 * let anyone holding a report look short or common passwords up in a table ({@code e3b0c442} is the
 * empty string's SHA-256 everywhere); with the key, the same secret still gets the same fingerprint
 * in every run of this installation, so "differs" and "equals" keep working across runs. The key is
 * separate from the plan signing key (docs/decisions.md D-R1): a fingerprint never helps anyone
 * towards a signature. The {@code secret:sha256:} prefix stays as it was, so scripts that recognise
 * masked values in drift.json keep working.
 */
public final class SecretMasker {
    /** Prefix of every fingerprint, so readers and tests can recognise a masked value. */
    public static final String PREFIX = "secret:sha256:";
    /** File name of the key inside the state directory. */
    public static final String KEY_FILE = "fingerprint.key";
    private static final Logger log = LoggerFactory.getLogger(SecretMasker.class);
    private static final int KEY_BYTES = 32;

    private final SecretKeySpec key;

    private SecretMasker(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes.clone(), "HmacSHA256");
    }

    /**
     * The masker of an installation: reads {@code <state-dir>/fingerprint.key}, or creates it (born
     * 0600) when absent.
     *
     * @throws IllegalStateException when the key is readable by others, has the wrong size, or cannot be read or created
     */
    public static SecretMasker forStateDir(Path stateDir) {
        Path keyFile = stateDir.resolve(KEY_FILE);
        try {
            KeyFiles.createIfAbsent(keyFile, KEY_BYTES, "secret fingerprint key");
            if (!KeyFiles.tooOpen(keyFile).isEmpty()) {
                throw new IllegalStateException("fingerprint key " + keyFile + " has mode " + PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))
                        + ": other users could read it and test guesses against the fingerprints in reports. Fix: chmod 600 " + keyFile);
            }
            byte[] bytes = Files.readAllBytes(keyFile);
            if (bytes.length != KEY_BYTES) {
                throw new IllegalStateException("fingerprint key " + keyFile + " has " + bytes.length + " bytes, expected " + KEY_BYTES
                        + ". Fix: restore it from backup, or delete it (a new key is made on the next run; secret fingerprints then"
                        + " differ from earlier reports once)");
            }
            return new SecretMasker(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create fingerprint key " + keyFile + ": " + e.getMessage()
                    + ". Fix: make the state directory writable by the user running homeamp", e);
        }
    }

    /** A masker with a fresh random key: fingerprints compare within this object only (tests, one-off comparisons). */
    public static SecretMasker withRandomKey() {
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        return new SecretMasker(bytes);
    }

    /** {@code secret:sha256:1a2b3c4d} (keyed) for the given clear value; {@code null} stays null. */
    public String fingerprint(String clear) {
        if (clear == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(clear.getBytes(StandardCharsets.UTF_8)), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    /** True when the display string is already a fingerprint. */
    public static boolean isFingerprint(String display) {
        return display != null && display.startsWith(PREFIX);
    }


}
