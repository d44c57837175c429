package org.homeamp.deploy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.homeamp.files.InstanceFiles;

/** Prepares one instance of a rollback: the manifest that puts back what the undone deployment changed. */
final class RollbackPreparer {
    private final DeploymentStore store;
    private final Backups backups;
    private final String here;

    /** @param here this process's state host ({@code null}: the manager), recorded as where the rollback's own files are */
    RollbackPreparer(DeploymentStore store, Backups backups, String here) {
        this.store = store;
        this.backups = backups;
        this.here = here;
    }

    /**
     * A rollback instance: every file the undone deployment changed goes back to its backed-up bytes.
     * A file whose hash is no longer the deployment's "after" was changed since; without --force that
     * refuses the instance, with --force it is restored too (and its current bytes backed up first).
     */
    void prepare(Deployment rollback, DeployedInstance inst, InstanceFiles files) {
        String id = rollback.id();
        String undone = rollback.undoes();
        String holder = store.instance(undone, inst.server(), inst.instance()).stateHost();
        if (!java.util.Objects.equals(holder, here)) {
            throw new InstanceDeployer.FilesElsewhereException("the backup of " + inst.label() + " taken by deployment " + undone + " is in "
                    + org.homeamp.batch.StateHosts.describe(holder) + ", not in " + org.homeamp.batch.StateHosts.describe(here)
                    + "; nothing was restored. Fix: " + (holder == null ? "stop 'homeamp worker' for " + inst.server() + " so the manager rolls it back,"
                    : "start 'homeamp worker' for " + inst.server() + " on that host again (the same state dir),") + " then run 'homeamp restart'");
        }
        List<ManifestFile> plan = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        try {
            for (ManifestFile f : store.files(undone, inst.server(), inst.instance())) {
                byte[] liveBytes = files.exists(f.path()) ? files.read(f.path()) : null;
                String live = Backups.sha256(liveBytes);
                if (!Objects.equals(live, f.sha256After()) && !Objects.equals(live, f.sha256Before())) {
                    changed.add(f.path() + " (sha256 now " + shortSha(live) + ", after the deployment " + shortSha(f.sha256After()) + ")");
                    if (!rollback.forced()) {
                        continue;
                    }
                }
                if (f.sha256Before() != null) {
                    backups.savePrepared(id, inst.server(), inst.instance(), f.path(),
                            backups.readBackup(undone, inst.server(), inst.instance(), f.path(), f.sha256Before()));
                }
                String[] attrs = LocalOwnership.of(files, f.path());
                plan.add(new ManifestFile(f.path(), f.sha256Before() == null ? FileAction.DELETE : FileAction.RESTORE, live, f.sha256Before(),
                        liveBytes == null ? null : (long) liveBytes.length, attrs[0], attrs[1], f.modeBefore(), f.ownerBefore(), false));
            }
        } catch (IOException e) {
            throw new InstanceDeployer.DeployIOException("cannot prepare the rollback of " + inst.label() + ": " + e.getMessage()
                    + ". Fix the cause, then run 'homeamp restart'", e);
        }
        if (!changed.isEmpty() && !rollback.forced()) {
            String reason = "changed again since deployment " + undone + ": " + String.join(", ", changed)
                    + ". Nothing was restored. Fix: look at the changes; 'homeamp rollback " + undone + " --force' restores them anyway";
            for (DeployRow r : store.rows(id, inst.server(), inst.instance())) {
                store.setRow(id, r.position(), RowResult.REFUSED, reason, null, null);
            }
            store.setState(id, inst.server(), inst.instance(), InstanceState.NOT_CHANGED, reason);
            return;
        }
        store.saveManifest(id, inst.server(), inst.instance(), plan);
        store.setPrepared(id, inst.server(), inst.instance(), here);
    }

    private static String shortSha(String sha) {
        return sha == null ? "(absent)" : sha.substring(0, 12);
    }
}
