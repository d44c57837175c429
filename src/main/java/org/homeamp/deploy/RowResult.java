package org.homeamp.deploy;

/** What became of one approved workbook row in a deployment. */
public enum RowResult {
    /** Approved and not yet applied (the deployment is still running or was killed). */
    PENDING,
    /** Written, the instance restarted and passed its health check. */
    APPLIED,
    /** Not applied: tampered, stale, not staged, or its instance is gone. Nothing was written for it. */
    REFUSED,
    /** Could not be written (the file became unparseable, an AMP write was refused …); the instance was restored. */
    FAILED,
    /** Written, but the instance failed its health check and was restored from the backup. */
    ROLLED_BACK
}
