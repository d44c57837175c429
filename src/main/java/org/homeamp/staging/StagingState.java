package org.homeamp.staging;

/** Whether an available update's file is waiting in staging (SPEC §8, column {@code update_result.staged}). */
public enum StagingState {
    /** Not downloaded (no update, or the download job has not run). */
    NOT_STAGED,
    /** Downloaded, size and published checksum verified, descriptor name matches. */
    STAGED,
    /** Downloaded and a plugin jar of the right name, but the source publishes no checksum to verify it with. */
    UNVERIFIED,
    /** Refused or failed; the reason is in the problems of the run. */
    FAILED
}
