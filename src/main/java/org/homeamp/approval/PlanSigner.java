package org.homeamp.approval;

import org.homeamp.config.KeyFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs and verifies workbook rows with HMAC-SHA256, so that a row whose signed cells were edited,
 * a row copied from another plan's workbook, or a made-up row is refused at deploy (SPEC §9).
 *
 * <p>The key is {@code <state-dir>/signing.key}: 32 random bytes, created on first use with mode
 * 0600 from the start (the permission is part of the create call, so there is no moment when the
 * file exists with looser rights). A key file that group or others can read or write is refused:
 * whoever can read it can forge approvals.
 *
 * <p>The signed message is, length-prefixed and in this order: a format tag, plan id, change id,
 * server, instance, type label, plugin, file, setting, current, proposed. Details, Approve,
 * Approved by and Note are not signed: they are for people, and Approve is the one thing volunteers
 * are meant to change.
 */
public final class PlanSigner {
    private static final Logger log = LoggerFactory.getLogger(PlanSigner.class);

    /** File name of the key inside the state directory. */
    public static final String KEY_FILE = "signing.key";
    private static final int KEY_BYTES = 32;
    private static final String FORMAT_TAG = "homeamp-plan-row-v1";

    private final SecretKeySpec key;

    PlanSigner(byte[] keyBytes) {
        if (keyBytes.length < KEY_BYTES) {
            throw new SigningKeyException("signing key has " + keyBytes.length + " bytes, needs " + KEY_BYTES);
        }
        this.key = new SecretKeySpec(keyBytes.clone(), "HmacSHA256");
    }

    /**
     * The signer for a state directory: reads {@code signing.key}, or creates it (0600) when absent.
     *
     * @throws SigningKeyException when the key is readable by others, has the wrong size, or cannot
     *                             be read or created
     */
    public static PlanSigner forStateDir(Path stateDir) {
        Path keyFile = stateDir.resolve(KEY_FILE);
        try {
            KeyFiles.createIfAbsent(keyFile, KEY_BYTES, "plan signing key");
            if (!KeyFiles.tooOpen(keyFile).isEmpty()) {
                throw new SigningKeyException("signing key " + keyFile + " has mode " + PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))
                        + ": other users can read or change it and could forge approvals. Run: chmod 600 " + keyFile
                        + " (if others may already have read it, delete it instead; a new key is made on the next run).");
            }
            byte[] bytes = Files.readAllBytes(keyFile);
            if (bytes.length != KEY_BYTES) {
                throw new SigningKeyException("signing key " + keyFile + " has " + bytes.length + " bytes, expected "
                        + KEY_BYTES + ". Restore it from backup; if it is lost, delete it (a new key is made on the next"
                        + " run) and approve again in the next run's workbook: workbooks signed with the old key are then refused.");
            }
            return new PlanSigner(bytes);
        } catch (IOException e) {
            throw new SigningKeyException("cannot read or create signing key " + keyFile + ": " + e.getMessage()
                    + ". Check that the state directory is writable by the user running homeamp.", e);
        }
    }



    /** The row's signature: 64 lower-case hex digits. */
    public String sign(String planId, ProposedChange c) {
        return HexFormat.of().formatHex(mac(planId, c.changeId(), c.server(), c.instance(), c.type().label(),
                c.plugin(), c.file(), c.setting(), c.current(), c.proposed()));
    }

    /**
     * Whether {@code signature} is the one {@link #sign} gives for this plan and row. Compared in
     * constant time so response timing does not reveal how much of a guessed signature was right.
     */
    public boolean verify(String planId, ProposedChange c, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] expected = sign(planId, c).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    private byte[] mac(String... fields) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(CanonicalFields.encode(FORMAT_TAG));
            return mac.doFinal(CanonicalFields.encode(fields));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
