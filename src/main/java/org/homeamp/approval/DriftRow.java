package org.homeamp.approval;

/**
 * One drift finding as {@code drift.json} has it (SPEC §9), shown read-only on the Drift sheet.
 * Secret values are fingerprints already.
 *
 * @param firstSeen ISO date ({@code 2026-11-25}) the finding was first seen
 */
public record DriftRow(
        String id,
        String server,
        String instance,
        String file,
        String key,
        String kind,
        String expected,
        String actual,
        String state,
        String firstSeen) {
}
