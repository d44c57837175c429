package org.homeamp.batch;

import java.time.Duration;

/**
 * Housekeeping a {@code homeamp worker} does for its own host besides serving partitions, e.g. pruning
 * the old backups in its state dir (D-W9). Every bean of this type in the worker's context runs on a
 * thread of its own: at the worker's start, then {@link #every()}; a failure is logged and the next
 * round tries again. A chore never runs in the manager's processes.
 */
public interface WorkerChore {
    /** What the log calls it ("backup prune"). */
    String name();

    /** How long after one round the next starts. */
    Duration every();

    /** One round; may throw, the worker logs it and goes on. */
    void run();
}
