package org.homeamp.updates;

import java.time.Instant;

import org.homeamp.updates.registry.Channel;
import org.homeamp.updates.sources.Candidate;
import org.homeamp.updates.sources.HashAlgorithm;

/**
 * The result for one (instance, plugin) as reports, {@code updates.json} and the download job use it.
 * Fields about the published version are those of the newest accepted candidate, also when the state
 * is not {@code UPDATE_AVAILABLE} (a held or ahead plugin still shows what is out there); they are
 * {@code null} (size -1) when there is none.
 *
 * @param state        the outcome
 * @param from         the installed version (the published one when the jar's hash identified it)
 * @param to           the newest accepted published version
 * @param channel      its channel
 * @param date         its publication date
 * @param changelogUrl a page describing it
 * @param fileUrl      where to download its file
 * @param fileName     the file's name
 * @param size         the file's size in bytes, -1 when unknown
 * @param checksum     hex checksum to verify the download with, {@code null} when unverified
 * @param algorithm    the checksum's algorithm, {@link HashAlgorithm#UNVERIFIED} when the source publishes none
 * @param reason       why, in one sentence an operator can act on (always set for HELD, AHEAD,
 *                     UNKNOWN_SOURCE, CHECK_FAILED; a note for the others when there is one)
 */
public record UpdateResult(UpdateState state, String from, String to, Channel channel, Instant date, String changelogUrl,
        String fileUrl, String fileName, long size, String checksum, HashAlgorithm algorithm, String reason) {

    static UpdateResult of(UpdateState state, String from, Candidate newest, String reason) {
        if (newest == null) {
            return new UpdateResult(state, from, null, null, null, null, null, null, -1, null, HashAlgorithm.UNVERIFIED, reason);
        }
        return new UpdateResult(state, from, newest.version(), newest.channel(), newest.published(), newest.changelogUrl(),
                newest.fileUrl(), newest.fileName(), newest.size(), newest.checksum(), newest.algorithm(), reason);
    }

    /** True when the file's checksum is not known and the download cannot be verified. */
    public boolean unverified() {
        return algorithm == HashAlgorithm.UNVERIFIED;
    }
}
