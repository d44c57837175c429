package org.homeamp.deploy;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.homeamp.batch.RunLock;
import org.homeamp.batch.StateHosts;
import org.homeamp.batch.WorkerChore;
import org.homeamp.config.HomeAmpSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code homeamp worker}'s backup prune (D-W9): the deploy and rollback partitions a worker runs keep
 * their backups and prepared files in the worker's own state dir (D-W5), which the manager's nightly
 * {@code pruneBackups} step cannot reach. The worker applies the same rules ({@link BackupPruner}, over
 * every deployment in the database, {@code deploy.keep-backups-days} of this host's homeamp.yml) to the
 * backups whose state host is its own, at its start and then every {@code worker.prune-every}.
 *
 * <p>Each round holds the job database's lock ({@link RunLock#whileNoJobRuns}), so it never overlaps a
 * deploy or rollback on any host (a rollback of an older deployment reads its backup while it prepares);
 * when a job holds the lock, the round is skipped and the next one tries again. A job that starts during
 * a round waits for it instead of being refused.
 */
final class WorkerBackupPrune implements WorkerChore {
    private static final Logger log = LoggerFactory.getLogger(WorkerBackupPrune.class);

    private final DeploymentStore store;
    private final HomeAmpSettings settings;
    private final Clock clock;

    WorkerBackupPrune(DeploymentStore store, HomeAmpSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "the backup prune of " + settings.stateDir();
    }

    @Override
    public Duration every() {
        return settings.worker().pruneEvery();
    }

    /** One round: the result, or empty when a homeamp job held the lock and nothing was looked at. */
    Optional<BackupPruner.Result> pruneOnce() {
        BackupPruner pruner = new BackupPruner(store, new Backups(settings.stateDir()), settings.deploy().keepBackupsDays(), clock,
                StateHosts.of(settings.stateDir()));
        Optional<BackupPruner.Result> result = RunLock.whileNoJobRuns(settings, pruner::prune);
        if (result.isEmpty()) {
            log.info("prune: a homeamp job is running on the job database ({}): the backups in {} are pruned at the next round, in {} min",
                    RunLock.databaseHolderOf(settings).orElse("it has just ended"), settings.stateDir(), every().toMinutes());
        }
        return result;
    }

    @Override
    public void run() {
        pruneOnce();
    }
}
