package org.homeamp.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.homeamp.amp.AmpException;
import org.homeamp.batch.StateHosts;
import org.homeamp.files.InstanceFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys one instance of a deployment, as a state machine whose every state is committed before the
 * next step's work begins (see {@link InstanceState}), so that a process killed anywhere resumes here
 * with the hash rule of SPEC §10: a file already at its recorded "after" hash is not written again,
 * one still at "before" is written, anything else stops the instance with a clear message; the
 * backup of a file is taken once and never overwritten; a restart is recorded before it is asked
 * for, so a crash costs at most one extra restart.
 */
final class InstanceDeployer {
    private static final Logger log = LoggerFactory.getLogger(InstanceDeployer.class);
    private static final int MAX_REPREPARES = 3;

    private final DeploymentStore store;
    private final DeployContext context;
    private final Backups backups;
    private final HealthCheck health;
    /** This process's state host: {@code null} on the manager, the worker's {@code <host>:<state dir>} in {@code homeamp worker}. */
    private final String here;

    InstanceDeployer(DeploymentStore store, DeployContext context, Backups backups, HealthCheck health, String here) {
        this.store = store;
        this.context = context;
        this.backups = backups;
        this.health = health;
        this.here = here;
    }

    /** Runs the instance's deploy from wherever it stands to a finished state. */
    void deploy(String id, String server, String instanceName) {
        int reprepares = 0;
        DeployedInstance inst = store.instance(id, server, instanceName);
        if (!inst.state().finished() && inst.state() != InstanceState.PENDING && !Objects.equals(inst.stateHost(), here)) {
            if (inst.state() != InstanceState.PREPARED) {
                throw new FilesElsewhereException(inst.label() + " of " + id + " stands at " + inst.state() + " and its backup and prepared"
                        + " files are in " + StateHosts.describe(inst.stateHost()) + ", not in " + StateHosts.describe(here)
                        + ", so it cannot go on here; nothing was done to it. Fix: " + (inst.stateHost() == null
                        ? "stop 'homeamp worker' for " + server + " (systemctl stop homeamp-worker on that host) so the manager finishes it,"
                        : "start 'homeamp worker' for " + server + " on that host again (the same state dir),")
                        + " then run 'homeamp restart'");
            }
            // prepared elsewhere, nothing backed up or written yet: verify and prepare again here
            log.info("deployment {} {}: prepared in {}; preparing again in {}", id, inst.label(), StateHosts.describe(inst.stateHost()),
                    StateHosts.describe(here));
            store.setState(id, server, instanceName, InstanceState.PENDING, "prepared in " + StateHosts.describe(inst.stateHost())
                    + "; prepared again in " + StateHosts.describe(here));
            inst = store.instance(id, server, instanceName);
        }
        while (!inst.state().finished()) {
            InstanceState before = inst.state();
            switch (before) {
                case PENDING -> prepare(id, inst);
                case PREPARED -> {
                    if (!backup(id, inst)) {
                        if (++reprepares > MAX_REPREPARES) {
                            throw new IllegalStateException(inst.label() + " keeps changing while it is being deployed; try again later");
                        }
                        store.setState(id, server, instanceName, InstanceState.PENDING, "a file changed before the backup; verifying again");
                    }
                }
                case BACKED_UP -> write(id, inst);
                case WRITTEN -> store.setRestarting(id, server, instanceName, InstanceState.RESTARTING);
                case RESTARTING -> checkAfterRestart(id, inst);
                case ROLLING_BACK -> {
                    restore(id, inst, files(inst));
                    store.setRestarting(id, server, instanceName, InstanceState.ROLLBACK_RESTARTING);
                }
                case ROLLBACK_RESTARTING -> checkAfterRollback(id, inst);
                default -> throw new IllegalStateException("unexpected state " + before);
            }
            inst = store.instance(id, server, instanceName);
            log.info("deployment {} {}: {} -> {}", id, inst.label(), before, inst.state());
        }
    }

    // ------------------------------------------------------------------ prepare

    private void prepare(String id, DeployedInstance inst) {
        Deployment deployment = store.find(id).orElseThrow();
        if (deployment.isRollback()) {
            new RollbackPreparer(store, backups, here).prepare(deployment, inst, files(inst));
            return;
        }
        List<DeployRow> rows = store.rows(id, inst.server(), inst.instance()).stream().filter(r -> r.result() == RowResult.PENDING).toList();
        Optional<String> liveId = context.liveInstanceId(inst.server(), inst.instance(), inst.instanceId());
        if (liveId.isEmpty()) {
            String reason = "instance " + inst.label() + " is no longer listed by AMP (removed or renamed since the plan). Nothing was written";
            rows.forEach(r -> store.setRow(id, r.position(), RowResult.REFUSED, reason, null, null));
            store.setState(id, inst.server(), inst.instance(), InstanceState.NOT_CHANGED, reason);
            return;
        }
        if (!liveId.get().equals(inst.instanceId())) {
            store.setInstanceId(id, inst.server(), inst.instance(), liveId.get());
            inst = store.instance(id, inst.server(), inst.instance());
        }
        InstanceFiles files = files(inst);
        PreparedInstance prepared;
        try {
            prepared = context.preparer(id, inst.server(), inst.instance()).prepare(inst, rows, files);
        } catch (IOException e) {
            throw new DeployIOException(inst.label() + ": " + e.getMessage(), e);
        }
        for (PreparedInstance.Verdict v : prepared.verdicts()) {
            if (!v.applicable()) {
                log.warn("deployment {} {}: {} {}: {}", id, inst.label(), v.row().label(), v.result(), v.reason());
                store.setRow(id, v.row().position(), v.result(), v.reason(), null, null);
            }
        }
        if (!prepared.changesSomething()) {
            store.setState(id, inst.server(), inst.instance(), InstanceState.NOT_CHANGED, "no approved row applies any more");
            return;
        }
        List<ManifestFile> manifest = new ArrayList<>();
        try {
            for (PreparedInstance.PreparedFile f : prepared.files()) {
                if (f.after() != null) {
                    backups.savePrepared(id, inst.server(), inst.instance(), f.path(), f.after());
                }
                String[] attrs = LocalOwnership.of(files, f.path());
                manifest.add(new ManifestFile(f.path(), f.action(), Backups.sha256(f.before()), Backups.sha256(f.after()),
                        f.before() == null ? null : (long) f.before().length, attrs[0], attrs[1], null, null, false));
            }
        } catch (IOException e) {
            throw new DeployIOException("cannot prepare the files of " + inst.label() + " in the state dir: " + e.getMessage()
                    + ". Fix: check free space and permissions of the state dir, then run 'homeamp restart'", e);
        }
        store.saveManifest(id, inst.server(), inst.instance(), manifest);
        store.setPrepared(id, inst.server(), inst.instance(), here);
    }

    // ------------------------------------------------------------------ backup

    /** Saves every touched file's "before"; false when a live file no longer matches what was verified. */
    private boolean backup(String id, DeployedInstance inst) {
        InstanceFiles files = files(inst);
        List<ManifestFile> manifest = store.files(id, inst.server(), inst.instance());
        try {
            for (ManifestFile f : manifest) {
                if (f.sha256Before() == null) {
                    if (files.exists(f.path())) {
                        log.warn("deployment {} {}: {} appeared after verification", id, inst.label(), f.path());
                        return false;
                    }
                    continue;
                }
                byte[] live = files.exists(f.path()) ? files.read(f.path()) : null;
                if (!f.sha256Before().equals(Backups.sha256(live))) {
                    log.warn("deployment {} {}: {} changed after verification", id, inst.label(), f.path());
                    return false;
                }
                backups.saveBackup(id, inst.server(), inst.instance(), f.path(), live);
            }
            backups.writeManifest(id, inst.server(), inst.instance(), manifest);
        } catch (IOException e) {
            throw new DeployIOException("cannot back up " + inst.label() + ": " + e.getMessage()
                    + ". Nothing was written to the instance. Fix the cause, then run 'homeamp restart'", e);
        }
        store.setState(id, inst.server(), inst.instance(), InstanceState.BACKED_UP, null);
        return true;
    }

    // ------------------------------------------------------------------ write

    private void write(String id, DeployedInstance inst) {
        InstanceFiles files = files(inst);
        List<ManifestFile> manifest = new ArrayList<>(store.files(id, inst.server(), inst.instance()));
        // New files go in before old ones go out, so a plugin is never missing while files move.
        manifest.sort(Comparator.comparing(f -> f.sha256After() == null));
        for (ManifestFile f : manifest) {
            String live;
            try {
                live = Backups.sha256(files.exists(f.path()) ? files.read(f.path()) : null);
            } catch (IOException e) {
                throw new DeployIOException(inst.label() + ":" + f.path() + " cannot be read: " + e.getMessage(), e);
            }
            if (Objects.equals(live, f.sha256After())) {
                store.setWritten(id, inst.server(), inst.instance(), f.path(), true);
                continue;
            }
            if (!Objects.equals(live, f.sha256Before())) {
                String reason = f.path() + " on " + inst.label() + " was changed by someone else during the deployment (sha256 now "
                        + shortSha(live) + ", neither the " + shortSha(f.sha256Before()) + " before nor the " + shortSha(f.sha256After())
                        + " after). The files this deployment wrote were restored; nothing else was touched. Fix: find out who changed it,"
                        + " then run the nightly again and approve in the new workbook";
                fail(id, inst, files, reason);
                return;
            }
            try {
                if (f.sha256After() == null) {
                    files.trash(f.path());
                } else {
                    files.write(f.path(), backups.readPrepared(id, inst.server(), inst.instance(), f.path(), f.sha256After()));
                    if (f.sha256Before() == null && f.modeAfter() != null) {
                        LocalOwnership.set(files, f.path(), f.modeAfter(), f.ownerAfter());
                    }
                }
                store.setWritten(id, inst.server(), inst.instance(), f.path(), true);
            } catch (AmpException.Unreachable | AmpException.InstanceUnavailable | AmpException.SessionExpired e) {
                throw e; // transient: the partition fails and 'homeamp restart' resumes here by the hash rule
            } catch (IOException | AmpException e) {
                fail(id, inst, files, "writing " + f.path() + " on " + inst.label() + " failed: " + e.getMessage()
                        + ". The files this deployment wrote were restored from the backup. Fix the cause (disk full? permissions?),"
                        + " then deploy the workbook again");
                return;
            }
        }
        store.setState(id, inst.server(), inst.instance(), InstanceState.WRITTEN, null);
    }

    /** Restores what was written, marks the instance's pending rows FAILED, and ends the instance unchanged. */
    private void fail(String id, DeployedInstance inst, InstanceFiles files, String reason) {
        log.warn("deployment {} {}: {}", id, inst.label(), reason);
        restore(id, inst, files);
        for (DeployRow r : store.rows(id, inst.server(), inst.instance())) {
            if (r.result() == RowResult.PENDING) {
                store.setRow(id, r.position(), RowResult.FAILED, reason, null, null);
            }
        }
        store.setState(id, inst.server(), inst.instance(), InstanceState.NOT_CHANGED, reason);
    }

    // ------------------------------------------------------------------ restart and health

    private void checkAfterRestart(String id, DeployedInstance inst) {
        long started = System.nanoTime();
        HealthCheck.Result result = health.restartAndCheck(context.amp(inst.server()), inst.instanceId(), touched(id, inst));
        log.info("deployment {} {}: restart and health check took {} ms", id, inst.label(), (System.nanoTime() - started) / 1_000_000);
        if (result.healthy()) {
            List<ManifestFile> manifest = store.files(id, inst.server(), inst.instance());
            for (DeployRow r : store.rows(id, inst.server(), inst.instance())) {
                if (r.result() == RowResult.PENDING) {
                    String[] sha = rowHashes(r, manifest);
                    store.setRow(id, r.position(), RowResult.APPLIED, null, sha[0], sha[1]);
                }
            }
            store.setState(id, inst.server(), inst.instance(), InstanceState.HEALTHY, null);
        } else if (store.find(id).orElseThrow().isRollback()) {
            // Undoing a rollback would put back the deployment that was rolled back: report instead.
            String reason = "every file was restored, but the instance is not healthy after the restart (" + result.reason()
                    + "). Fix: look at the instance's console in AMP";
            log.warn("rollback {} {}: {}", id, inst.label(), reason);
            List<ManifestFile> manifest = store.files(id, inst.server(), inst.instance());
            for (DeployRow r : store.rows(id, inst.server(), inst.instance())) {
                if (r.result() == RowResult.PENDING) {
                    String[] sha = rowHashes(r, manifest);
                    store.setRow(id, r.position(), RowResult.APPLIED, reason, sha[0], sha[1]);
                }
            }
            store.setState(id, inst.server(), inst.instance(), InstanceState.ROLLBACK_UNHEALTHY, reason);
        } else {
            log.warn("deployment {} {}: health check failed: {}; restoring the backup", id, inst.label(), result.reason());
            store.setState(id, inst.server(), inst.instance(), InstanceState.ROLLING_BACK, result.reason());
        }
    }

    private void checkAfterRollback(String id, DeployedInstance inst) {
        String firstReason = inst.reason();
        HealthCheck.Result result = health.restartAndCheck(context.amp(inst.server()), inst.instanceId(), touched(id, inst));
        String reason = "rolled back: the instance failed its health check after the deployment (" + firstReason
                + "); every file and jar was restored from the backup and the instance restarted"
                + (result.healthy() ? " and is healthy again" : ", but it is still not healthy (" + result.reason()
                + "). Fix: look at the instance's console in AMP");
        List<ManifestFile> manifest = store.files(id, inst.server(), inst.instance());
        for (DeployRow r : store.rows(id, inst.server(), inst.instance())) {
            if (r.result() == RowResult.PENDING) {
                String[] sha = rowHashes(r, manifest);
                store.setRow(id, r.position(), RowResult.ROLLED_BACK, reason, sha[0], sha[1]);
            }
        }
        store.setState(id, inst.server(), inst.instance(), result.healthy() ? InstanceState.ROLLED_BACK : InstanceState.ROLLBACK_UNHEALTHY, reason);
    }

    /** Puts every file of the manifest back to its "before" bytes (absent files removed), byte for byte. */
    private void restore(String id, DeployedInstance inst, InstanceFiles files) {
        List<ManifestFile> manifest = new ArrayList<>(store.files(id, inst.server(), inst.instance()));
        // Files that existed come back before created ones go, mirroring the write order.
        manifest.sort(Comparator.comparing(f -> f.sha256Before() == null));
        for (ManifestFile f : manifest) {
            try {
                String live = Backups.sha256(files.exists(f.path()) ? files.read(f.path()) : null);
                if (Objects.equals(live, f.sha256Before())) {
                    continue;
                }
                if (f.sha256Before() == null) {
                    files.trash(f.path());
                } else {
                    files.write(f.path(), backups.readBackup(id, inst.server(), inst.instance(), f.path(), f.sha256Before()));
                    if (f.sha256After() == null && f.modeBefore() != null) {
                        LocalOwnership.set(files, f.path(), f.modeBefore(), f.ownerBefore());
                    }
                }
                store.setWritten(id, inst.server(), inst.instance(), f.path(), false);
            } catch (IOException e) {
                throw new DeployIOException("restoring " + f.path() + " on " + inst.label() + " from the backup failed: " + e.getMessage()
                        + ". Fix the cause, then run 'homeamp restart' to finish restoring", e);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private InstanceFiles files(DeployedInstance inst) {
        return context.files(inst.server(), inst.instance(), inst.instanceId());
    }

    private Set<String> touched(String id, DeployedInstance inst) {
        Set<String> names = new LinkedHashSet<>();
        for (DeployRow r : store.rows(id, inst.server(), inst.instance())) {
            if (r.result() == RowResult.PENDING && r.plugin() != null) {
                names.add(r.plugin());
            }
        }
        for (ManifestFile f : store.files(id, inst.server(), inst.instance())) {
            if (f.path().startsWith("plugins/") && f.path().endsWith(".jar")) {
                names.add(f.path().substring("plugins/".length()));
            }
        }
        return names;
    }

    /** sha256 before and after of the files a row changed (for a jar swap: the old jar's and the new jar's). */
    private static String[] rowHashes(DeployRow row, List<ManifestFile> manifest) {
        String before = null;
        String after = null;
        for (ManifestFile f : manifest) {
            boolean mine = f.path().equals(row.file()) || (row.type() == org.homeamp.approval.ChangeType.PLUGIN_UPDATE && f.action() == FileAction.ADD_JAR);
            if (!mine) {
                continue;
            }
            before = before == null ? f.sha256Before() : before;
            after = after == null ? f.sha256After() : after;
        }
        return new String[] {before, after};
    }

    private static String shortSha(String sha) {
        return sha == null ? "(absent)" : sha.substring(0, 12);
    }

    /** The instance's deployment files are in another state dir: the partition fails, and resumes where they are. */
    static final class FilesElsewhereException extends IllegalStateException {
        FilesElsewhereException(String message) {
            super(message);
        }
    }

    /** The state dir or an instance could not be read or written: the partition fails and {@code homeamp restart} resumes it. */
    static final class DeployIOException extends RuntimeException {
        DeployIOException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
