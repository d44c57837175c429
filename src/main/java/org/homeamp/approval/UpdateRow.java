package org.homeamp.approval;

/**
 * One (instance, plugin) update result as {@code updates.json} has it (SPEC §9), shown read-only on
 * the Updates sheet.
 *
 * @param checksum the published checksum with its algorithm, or {@code UNVERIFIED}
 * @param staged      whether the new jar is verified in staging
 * @param stagingNote the staging state as the sheet shows it ({@code STAGED}, {@code UNVERIFIED}, {@code FAILED: why}), or {@code null}
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
        boolean staged,
        String stagingNote) {

    /** A row without a staging note. */
    public UpdateRow(String server, String instance, String plugin, String installed, String latest, String state, String channel, String source,
            String checksum, boolean staged) {
        this(server, instance, plugin, installed, latest, state, channel, source, checksum, staged, null);
    }
}
