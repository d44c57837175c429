package org.homeamp.drift;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Replaces secret values by a short fingerprint, so a report can still show that a password differs
 * from (or equals) the expected one without showing either value. Eight hex digits of SHA-256 are
 * enough to tell values apart in a report and too few to be a useful lookup key on their own.
 */
public final class SecretMasker {
    /** Prefix of every fingerprint, so readers and tests can recognise a masked value. */
    public static final String PREFIX = "secret:sha256:";

    private SecretMasker() {
    }

    /** {@code secret:sha256:1a2b3c4d} for the given clear value; {@code null} stays null. */
    public static String fingerprint(String clear) {
        if (clear == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(clear.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** True when the display string is already a fingerprint. */
    public static boolean isFingerprint(String display) {
        return display != null && display.startsWith(PREFIX);
    }
}
