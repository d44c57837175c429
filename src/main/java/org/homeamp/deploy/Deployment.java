package org.homeamp.deploy;

import java.time.OffsetDateTime;

/**
 * One deployment (or rollback) as recorded.
 *
 * @param id              {@code D-20261203-1}
 * @param kind            {@code deploy} or {@code rollback}
 * @param instancesFilter {@code ""} for every instance, else the sorted, comma-separated names of {@code --instance}
 * @param undoes          for a rollback, the deployment it restores
 * @param forced          for a rollback with {@code --force}: files changed since the deployment are restored too
 * @param result          RUNNING, COMPLETED, COMPLETED_WITH_PROBLEMS or FAILED
 */
public record Deployment(
        String id,
        String kind,
        String planId,
        String workbookSha256,
        String workbookPath,
        String instancesFilter,
        String undoes,
        boolean forced,
        String runBy,
        OffsetDateTime started,
        OffsetDateTime finished,
        String result) {

    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String COMPLETED_WITH_PROBLEMS = "COMPLETED_WITH_PROBLEMS";
    public static final String FAILED = "FAILED";

    public boolean isRollback() {
        return "rollback".equals(kind);
    }

    public boolean finishedRun() {
        return COMPLETED.equals(result) || COMPLETED_WITH_PROBLEMS.equals(result);
    }
}
