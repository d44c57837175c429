package org.homeamp.batch;

import org.springframework.batch.core.step.StepExecution;

/**
 * Where one partition must run when its server's worker is not enough to say (D-W5): a deploy or
 * rollback partition whose files (prepared files, backups) already lie in one state dir must run in
 * the process that has that state dir. Consulted by {@link PartitionRouter} for every request.
 */
@FunctionalInterface
public interface PartitionPlacement {
    /** The manager's state dir ({@link StateHosts}: {@code null} in the records). */
    String MANAGER = "manager";

    /**
     * {@code null}: no constraint, the partition goes to its server's live worker or runs here;
     * {@link #MANAGER}: it runs on the manager; else the {@link StateHosts state host} of the worker
     * it must run on (it runs here when that worker is not the live one, and fails there with a fix).
     */
    String requiredStateHost(StepExecution partition);
}
