package org.homeamp.drift;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One difference between an instance's file and its expected file.
 *
 * @param server   the server (host) name from {@code homeamp.yml}
 * @param instance the AMP instance name
 * @param file     path relative to the instance's {@code Minecraft/} folder, {@code /} separators
 * @param key      the {@link org.homeamp.formats.KeyPath} in its printed form; {@code ""} for the whole file
 * @param kind     what kind of difference
 * @param expected display form of the expected value (secrets already fingerprinted), or null
 * @param actual   display form of the instance's value (secrets already fingerprinted), or null
 * @param line     1-based line for {@link FindingKind#UNPARSEABLE}, else null
 * @param column   1-based column for {@link FindingKind#UNPARSEABLE}, else null
 * @param message  a sentence for people; never holds a clear secret value
 */
public record Finding(String server, String instance, String file, String key, FindingKind kind,
                      String expected, String actual, Integer line, Integer column, String message) {

    public Finding {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * A short id that stays the same across runs while the same key of the same file drifts in the
     * same way. Values are left out on purpose: a finding whose actual value changes again is still
     * the same open finding, not a new one.
     */
    public String stableId() {
        String identity = String.join("\u0000", server, instance, file, key, kind.name());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
