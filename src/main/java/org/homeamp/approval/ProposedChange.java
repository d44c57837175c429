package org.homeamp.approval;

import org.homeamp.drift.ChangeIds;

import java.util.Objects;

/**
 * One change a volunteer can approve: one row of the workbook's Changes sheet.
 *
 * @param changeId      stable id, {@code C-} and a short hash of the identity (see {@link #stableId})
 * @param server        server name from {@code homeamp.yml}
 * @param instance      AMP instance name
 * @param type          what kind of change
 * @param plugin        plugin name, or {@code null} for server files
 * @param file          path relative to the instance's {@code Minecraft/} folder, {@code /} separators
 * @param setting       dotted key path, or {@code null} for whole-file and plugin changes
 * @param current       the live value as shown to people; for secrets already a fingerprint
 * @param proposed      the value after the change; for secrets already a fingerprint
 * @param details       free text for the reader (rule, reason, changelog link)
 * @param secret        whether current/proposed stand for a secret (then they are fingerprints)
 * @param checksumState for plugin updates how the staged jar was checked, e.g. {@code sha512 verified}
 *                      or {@code UNVERIFIED}; {@code null} otherwise
 */
public record ProposedChange(
        String changeId,
        String server,
        String instance,
        ChangeType type,
        String plugin,
        String file,
        String setting,
        String current,
        String proposed,
        String details,
        boolean secret,
        String checksumState) {

    public ProposedChange {
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(file, "file");
        if (changeId.isBlank()) {
            throw new IllegalArgumentException("changeId is blank");
        }
    }

    /**
     * The id a change keeps from run to run while it stays open: {@code C-} and ten hex digits of a
     * SHA-256 over server, instance, type, plugin, file and setting. Values are left out on purpose,
     * so a change whose target value moves keeps its id; the signature is what binds the values.
     */
    public static String stableId(String server, String instance, ChangeType type, String plugin, String file, String setting) {
        return ChangeIds.stableId(server, instance, type.label(), plugin, file, setting);
    }
}
