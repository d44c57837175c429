package org.homeamp.approval;

/**
 * One (instance, plugin) update result as {@code updates.json} has it (SPEC §9), shown read-only on
 * the Updates sheet.
 *
 * @param checksum the published checksum with its algorithm, or {@code UNVERIFIED}
 * @param staged   whether the new jar is verified in staging
 */
public record UpdateRow(
        String server,
        String instance,
        String plugin,
        String installed,
        String latest,
        String state,
        String channel,
        String source,
        String checksum,
        boolean staged) {
}
