package org.homeamp.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.homeamp.config.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The nightly's {@code pruneBackups} step, and a {@code homeamp worker}'s backup prune for its own state
 * dir ({@link WorkerBackupPrune}, D-W9): deletes the backups ({@code backups/<ID>/<server>/<instance>},
 * its manifest, and the prepared files under {@code deployments/<ID>/…}) of deployments and
 * rollbacks that finished more than {@code deploy.keep-backups-days} ago.
 *
 * <p>Never pruned: the backup of an unfinished deployment ({@code homeamp restart} needs it), and,
 * per instance, the backup of the latest deployment or rollback that touched it (got as far as its
 * backup), however old: that is the one an operator may still want to roll back; and when that
 * latest one undid itself after a failed health check (rolled back), also the newest before it whose
 * changes are still live there, since that is the one a rollback of the instance needs.
 *
 * <p><b>Mark, then delete.</b> Each instance's prune is first recorded ({@code
 * deployment_instance.backup_pruned}, committed), then its files are deleted. A kill -9 in between
 * or in the middle of the deletion leaves a marked instance with some files left: {@code rollback}
 * refuses it anyway (the mark, not the files, decides), and the next prune deletes the rest. The
 * other order would leave, after a crash, a half-deleted backup that nothing marks and that a
 * rollback could start restoring from. Re-running the step is harmless: marked instances with
 * nothing left are skipped.
 */
final class BackupPruner implements Tasklet {
    private static final Logger log = LoggerFactory.getLogger(BackupPruner.class);
    /** Instance states after which something may have been written: such a deployment "touched" the instance. */
    private static final Set<InstanceState> UNTOUCHED = Set.of(InstanceState.PENDING, InstanceState.PREPARED, InstanceState.NOT_CHANGED);
    /** Instance states whose changes were undone by the deploy itself (failed health check): what is live is the deployment before. */
    private static final Set<InstanceState> UNDONE = Set.of(InstanceState.ROLLED_BACK, InstanceState.ROLLBACK_UNHEALTHY);

    /** What one run of the step did. */
    record Result(int pruned, int kept, int leftoversDeleted) {
    }

    private final DeploymentStore store;
    private final Backups backups;
    private final int keepDays;
    private final Clock clock;
    /** The state host whose backups this process prunes: {@code null} for the manager, a worker's own otherwise (D-W9). */
    private final String here;

    /** The manager's prune: the backups in the manager's state dir. */
    BackupPruner(DeploymentStore store, Backups backups, int keepDays, Clock clock) {
        this(store, backups, keepDays, clock, null);
    }

    /** The prune of the process whose state host is {@code here} ({@link org.homeamp.batch.StateHosts}), over {@code backups} of its state dir. */
    BackupPruner(DeploymentStore store, Backups backups, int keepDays, Clock clock, String here) {
        this.store = store;
        this.backups = backups;
        this.keepDays = keepDays;
        this.clock = clock;
        this.here = here;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        prune();
        return RepeatStatus.FINISHED;
    }

    Result prune() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(Duration.ofDays(keepDays));
        List<DeploymentStore.BackupHolder> holders = store.backupHolders();
        Set<String> keep = keptPerInstance(holders);
        int pruned = 0;
        int kept = 0;
        int leftovers = 0;
        Set<String> touchedIds = new LinkedHashSet<>();
        try {
            for (DeploymentStore.BackupHolder h : holders) {
                if (!java.util.Objects.equals(h.stateHost(), here)) {
                    continue; // prepared and backed up in another state dir (D-W5): pruned by the process there (D-W9)
                }
                if (!insideBackups(h)) {
                    log.warn("prune: the backup of {} for {} is not pruned: the server or instance name is not a plain folder name, so"
                            + " its folder would not lie inside {}. Fix: delete what is left of it by hand if it is no longer needed",
                            h.id(), h.label(), backups.backupRoot(h.id()));
                    kept++;
                    continue;
                }
                if (h.pruned() != null) {
                    if (onDisk(h)) {
                        delete(h);
                        touchedIds.add(h.id());
                        leftovers++;
                        log.info("prune: deleted what was left of the backup of {} for {} (pruned {})", h.id(), h.label(), h.pruned());
                    }
                    continue;
                }
                if (!onDisk(h)) {
                    continue;
                }
                boolean old = h.finished() != null && h.finished().toInstant().isBefore(cutoff)
                        && (Deployment.COMPLETED.equals(h.result()) || Deployment.COMPLETED_WITH_PROBLEMS.equals(h.result()));
                if (!old || keep.contains(h.id() + " " + h.label())) {
                    kept++;
                    continue;
                }
                store.markBackupPruned(h.id(), h.server(), h.instance(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                delete(h);
                touchedIds.add(h.id());
                pruned++;
                log.info("prune: deleted the backup of {} for {} ({}): finished {}, more than deploy.keep-backups-days = {} ago",
                        h.id(), h.label(), backups.shown(backups.instanceBackupDir(h.id(), h.server(), h.instance())), h.finished(), keepDays);
            }
            for (String id : touchedIds) {
                removeEmpty(backups.backupRoot(id));
                removeEmpty(backups.preparedRoot(id));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete old backups under " + backups.backupsDir() + ": " + e.getMessage()
                    + ". Nothing that is still needed was touched. Fix: check the permissions of the state dir, then run 'homeamp restart'", e);
        }
        log.info("prune: {} backup(s) deleted from {}, {} kept (deploy.keep-backups-days = {}; the latest of each instance is always kept){}",
                pruned, org.homeamp.batch.StateHosts.describe(here), kept, keepDays,
                leftovers == 0 ? "" : ", " + leftovers + " half-deleted one(s) finished");
        return new Result(pruned, kept, leftovers);
    }

    /**
     * The backups never pruned, as {@code "<ID> <server>/<instance>"}: per instance, the newest deployment
     * or rollback that got as far as writing to it, and the newest whose changes are still live there
     * (not undone by its own health check). When the newest deployment rolled itself back, what runs is
     * the one before it, and that is the backup a later {@code homeamp rollback} needs.
     */
    static Set<String> keptPerInstance(List<DeploymentStore.BackupHolder> holders) {
        Map<String, DeploymentStore.BackupHolder> latest = new HashMap<>();
        Map<String, DeploymentStore.BackupHolder> latestLive = new HashMap<>();
        Comparator<DeploymentStore.BackupHolder> order = Comparator.comparing(DeploymentStore.BackupHolder::started)
                .thenComparing(h -> sequence(h.id()));
        for (DeploymentStore.BackupHolder h : holders) {
            if (!UNTOUCHED.contains(h.state())) {
                latest.merge(h.label(), h, (a, b) -> order.compare(a, b) >= 0 ? a : b);
                if (!UNDONE.contains(h.state())) {
                    latestLive.merge(h.label(), h, (a, b) -> order.compare(a, b) >= 0 ? a : b);
                }
            }
        }
        Set<String> keep = new HashSet<>();
        for (DeploymentStore.BackupHolder h : latest.values()) {
            keep.add(h.id() + " " + h.label());
        }
        for (DeploymentStore.BackupHolder h : latestLive.values()) {
            keep.add(h.id() + " " + h.label());
        }
        return keep;
    }

    /** The day's number of {@code D-20261203-12} (12), so that ties on the start time order by it, not as text. */
    private static long sequence(String id) {
        try {
            return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Whether the holder's folders lie inside {@code backups/<ID>/} and {@code deployments/<ID>/}: server and
     * instance names come from the database (instance names from AMP), and a name such as {@code ..} would
     * otherwise make the prune delete a parent folder (every backup, or the state dir).
     */
    private boolean insideBackups(DeploymentStore.BackupHolder h) {
        if (!plainName(h.id()) || !plainName(h.server()) || !plainName(h.instance())) {
            return false;
        }
        Path root = backups.backupRoot(h.id()).toAbsolutePath().normalize();
        Path prepared = backups.preparedRoot(h.id()).toAbsolutePath().normalize();
        return root.getParent().equals(backups.backupsDir().toAbsolutePath().normalize())
                && backups.instanceBackupDir(h.id(), h.server(), h.instance()).toAbsolutePath().normalize().startsWith(root.resolve(h.server()))
                && preparedDir(h).toAbsolutePath().normalize().startsWith(prepared.resolve(h.server()));
    }

    private static boolean plainName(String name) {
        return name != null && !name.isBlank() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0 && name.indexOf('\\') < 0
                && name.indexOf('\0') < 0;
    }

    private boolean onDisk(DeploymentStore.BackupHolder h) {
        return Files.exists(backups.instanceBackupDir(h.id(), h.server(), h.instance()))
                || Files.exists(backups.manifestFile(h.id(), h.server(), h.instance()))
                || Files.exists(preparedDir(h));
    }

    private void delete(DeploymentStore.BackupHolder h) throws IOException {
        AtomicFiles.deleteTree(backups.instanceBackupDir(h.id(), h.server(), h.instance()));
        Files.deleteIfExists(backups.manifestFile(h.id(), h.server(), h.instance()));
        AtomicFiles.deleteTree(preparedDir(h));
    }

    private Path preparedDir(DeploymentStore.BackupHolder h) {
        return backups.preparedRoot(h.id()).resolve(h.server()).resolve(h.instance());
    }

    /** Removes {@code root} and its server folders when nothing is left in them. */
    private static void removeEmpty(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> servers = Files.list(root)) {
            for (Path server : servers.filter(Files::isDirectory).toList()) {
                if (isEmpty(server)) {
                    Files.delete(server);
                }
            }
        }
        if (isEmpty(root)) {
            Files.delete(root);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
