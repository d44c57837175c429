package org.homeamp.approval;

/**
 * One (instance, plugin) row of the {@code update_result} table written by update-check and download
 * (SPEC §8), as the plan ({@link PlanBuilder}), the report and the mail read it. All values as
 * stored; dates as ISO strings.
 *
 * @param state  UP_TO_DATE, UPDATE_AVAILABLE, AHEAD, HELD, UNKNOWN_SOURCE or CHECK_FAILED
 * @param staged NOT_STAGED, STAGED (checksum verified), UNVERIFIED (source publishes none) or FAILED
 */
public record UpdateResultRow(
        String server,
        String instance,
        String plugin,
        String fileName,
        String installed,
        String latest,
        String state,
        String channel,
        String source,
        String published,
        String changelogUrl,
        String fileUrl,
        Long fileSize,
        String checksum,
        String checksumAlgorithm,
        String reason,
        String staged,
        String stagedPath) {

    public boolean pending() {
        return "UPDATE_AVAILABLE".equals(state);
    }

    /** Whether this row becomes a plugin-update change: a newer jar is in staging. */
    public boolean proposable() {
        return pending() && ("STAGED".equals(staged) || "UNVERIFIED".equals(staged));
    }

    /** {@code sha512:ab12…} as published, or {@code UNVERIFIED} when the source publishes no checksum. */
    public String checksumShown() {
        if (checksum == null || checksum.isBlank()) {
            return "UNVERIFIED";
        }
        return (checksumAlgorithm == null ? "" : checksumAlgorithm + ":") + checksum;
    }

    /** The checksum cut to its first 12 digits, for a table cell; the page keeps the full value in a tooltip. */
    public String checksumShort() {
        String full = checksumShown();
        int colon = full.indexOf(':');
        return colon < 0 || full.length() <= colon + 13 ? full : full.substring(0, colon + 13) + "…";
    }
}
