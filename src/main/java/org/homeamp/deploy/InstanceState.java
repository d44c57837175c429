package org.homeamp.deploy;

/**
 * Where the deploy of one instance stands. Each state is committed before the work of the next one
 * starts, so a restarted deploy continues from the last committed state (SPEC §10, killed deploys).
 */
public enum InstanceState {
    /** Nothing done yet. */
    PENDING,
    /** Rows verified; the files to write are prepared and listed in the manifest. */
    PREPARED,
    /** Every file to be touched is in the backup. */
    BACKED_UP,
    /** Every file is written. */
    WRITTEN,
    /** The restart was asked for (committed before the call, so a crash costs at most one extra restart). */
    RESTARTING,
    /** Done: restarted and healthy. */
    HEALTHY,
    /** The health check failed; the backup is being restored. */
    ROLLING_BACK,
    /** Restored; the restart after the restore was asked for. */
    ROLLBACK_RESTARTING,
    /** Done: restored from the backup after a failed health check, restarted and healthy again. */
    ROLLED_BACK,
    /** Done: restored, but the instance is still not healthy after the second restart. An operator must look. */
    ROLLBACK_UNHEALTHY,
    /** Done: nothing was written (every row refused, or writing failed and the files were restored). */
    NOT_CHANGED;

    /** Whether the instance needs no more work. */
    public boolean finished() {
        return this == HEALTHY || this == ROLLED_BACK || this == ROLLBACK_UNHEALTHY || this == NOT_CHANGED;
    }
}
