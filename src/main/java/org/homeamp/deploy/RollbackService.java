package org.homeamp.deploy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.JobService;
import org.homeamp.batch.RunLock;
import org.homeamp.config.ConfigException;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.files.InstanceFiles;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * {@code homeamp rollback <ID>}: restores every file and jar a deployment changed, byte for byte, with
 * one restart and a health check per instance, recorded as a deployment of its own (kind
 * {@code rollback}, pointing at the one it undid). It refuses (exit 2) a deployment that is unknown,
 * unfinished, already rolled back, itself a rollback, or whose backups are missing or were pruned by
 * the nightly ({@code deploy.keep-backups-days}), and — unless
 * {@code --force} — one with a file changed again since (its sha256 is no longer the recorded "after").
 */
@Service
public class RollbackService {
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job rollbackJob;
    private final JobService jobService;
    private final DeploymentStore store;
    private final DeployContext context;
    private final DeployService deployService;
    private final HomeAmpSettings settings;
    private final org.springframework.beans.factory.ObjectProvider<org.homeamp.batch.RemotePartitions> remote;

    public RollbackService(JobOperator jobOperator, JobRepository jobRepository, @Qualifier("rollbackJob") Job rollbackJob,
            JobService jobService, DeploymentStore store, DeployContext context, DeployService deployService, HomeAmpSettings settings,
            org.springframework.beans.factory.ObjectProvider<org.homeamp.batch.RemotePartitions> remote) {
        this.remote = remote;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.rollbackJob = rollbackJob;
        this.jobService = jobService;
        this.store = store;
        this.context = context;
        this.deployService = deployService;
        this.settings = settings;
    }

    /** @return exit code 0, 1 (restartable failure) or 4 (an instance refused, or unhealthy after the restore) */
    public int rollback(String deploymentId, boolean dryRun, boolean force, PrintWriter out) {
        Deployment d = store.find(deploymentId).orElseThrow(() -> new ConfigException("no deployment " + deploymentId
                + ". Fix: see 'homeamp history' for the ids"));
        if (d.isRollback()) {
            throw new ConfigException(deploymentId + " is itself a rollback (of " + d.undoes() + "); a rollback is not rolled back."
                    + " Fix: deploy the workbook of " + d.undoes() + " again if you want its changes back");
        }
        if (!d.finishedRun()) {
            throw new ConfigException("deployment " + deploymentId + " did not finish (" + d.result() + ")."
                    + " Fix: run 'homeamp restart' to finish it first; then roll it back");
        }
        Optional<Deployment> earlier = store.findRollbackOf(deploymentId);
        if (earlier.isPresent() && earlier.get().finishedRun()) {
            throw new ConfigException("deployment " + deploymentId + " was already rolled back by " + earlier.get().id()
                    + " (" + earlier.get().started() + "). Fix: see 'homeamp history " + earlier.get().id() + "'");
        }
        List<DeployedInstance> instances = store.instances(deploymentId).stream()
                .filter(i -> i.state() == InstanceState.HEALTHY).toList();
        checkBackups(d, instances);
        List<String> changed = changedSince(d, instances, out, dryRun);
        if (!changed.isEmpty() && !force) {
            throw new ConfigException("rollback of " + deploymentId + " refused: files were changed again since the deployment:\n  "
                    + String.join("\n  ", changed) + "\nFix: look at those changes; 'homeamp rollback " + deploymentId
                    + " --force' restores them to before the deployment anyway");
        }
        if (dryRun) {
            out.println("dry run: rolling back " + deploymentId + " would restore the files above on " + instances.size()
                    + " instance(s) and restart each once; nothing was changed");
            return DeployService.OK;
        }
        JobParameters params = new JobParametersBuilder().addString("undoes", deploymentId).toJobParameters();
        String id;
        if (earlier.isPresent()) {
            id = earlier.get().id();
            out.println("rollback " + id + " of deployment " + deploymentId + ": resuming");
            JobInstance instance = jobRepository.getJobInstance(JobNames.ROLLBACK, params);
            JobExecution last = instance == null ? null : jobRepository.getLastJobExecution(instance);
            if (last != null) {
                return deployService.finish(id, jobService.restart(last.getId()).executionId(), out);
            }
        } else {
            id = record(d, instances, force);
            out.println("rollback " + id + " of deployment " + deploymentId + ": " + instances.size() + " instance(s)");
        }
        params = new JobParametersBuilder(params).addString(DeployJobConfig.DEPLOYMENT, id, false).toJobParameters();
        try (RunLock lock = RunLock.acquire(settings, "roll back again")) {
            long exec = jobOperator.start(rollbackJob, params).getId();
            return deployService.finish(id, exec, out);
        } catch (org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException
                 | org.springframework.batch.core.launch.JobExecutionAlreadyRunningException
                 | org.springframework.batch.core.launch.JobRestartException
                 | org.springframework.batch.core.job.parameters.InvalidJobParametersException e) {
            throw new IllegalStateException("could not start the rollback job: " + e.getMessage(), e);
        }
    }

    private void checkBackups(Deployment d, List<DeployedInstance> instances) {
        Backups backups = new Backups(settings.stateDir());
        Map<String, OffsetDateTime> pruned = store.prunedBackups(d.id());
        for (DeployedInstance i : instances) {
            OffsetDateTime when = pruned.get(i.label());
            if (when != null) {
                String holder = store.instance(d.id(), i.server(), i.instance()).stateHost();
                String where = holder == null ? backups.shown(backups.instanceBackupDir(d.id(), i.server(), i.instance())) + ") was pruned by the nightly"
                        : "backups/" + d.id() + "/" + i.label() + " in " + org.homeamp.batch.StateHosts.describe(holder) + ") was pruned by the worker there";
                throw new ConfigException("deployment " + d.id() + " cannot be rolled back: the backup of " + i.label() + " (" + where + " on "
                        + when.atZoneSameInstant(settings.timeZone()).toLocalDate() + ", as backups older than deploy.keep-backups-days"
                        + (holder == null ? " = " + settings.deploy().keepBackupsDays() : " of that host's homeamp.yml")
                        + " are (the latest deployment of each instance keeps its backup); nothing was"
                        + " restored. Fix: put the old values back with a new workbook (the nightly proposes them once the baselines say so),"
                        + " or restore that folder from your own backups of the state dir and put the files back by hand");
            }
        }
        for (DeployedInstance i : instances) {
            if (i.stateHost() != null) {
                // backed up by a worker (D-W5): its state dir is not here; the rollback runs there, so that worker must be up
                org.homeamp.batch.RemotePartitions workers = remote.getIfAvailable();
                org.homeamp.batch.WorkerHeartbeats.LiveWorker live = workers == null ? null : workers.liveWorkers().get(i.server());
                if (live == null || !i.stateHost().equals(live.stateHost())) {
                    throw new ConfigException("deployment " + d.id() + " cannot be rolled back now: the backup of " + i.label() + " is in "
                            + org.homeamp.batch.StateHosts.describe(i.stateHost()) + " (the worker for " + i.server() + " took it), and that"
                            + " worker is not running" + (live == null ? "" : " (the live worker for " + i.server() + " is " + live.describe()
                            + ", with another state dir)") + "; nothing was restored. Fix: start 'homeamp worker' for " + i.server()
                            + " on that host (systemctl start homeamp-worker), then roll back again");
                }
                continue;
            }
            for (ManifestFile f : store.files(d.id(), i.server(), i.instance())) {
                if (f.sha256Before() != null && !Files.isRegularFile(backups.backupFile(d.id(), i.server(), i.instance(), f.path()))) {
                    throw new ConfigException("the backup of " + i.label() + ":" + f.path() + " is missing from "
                            + settings.stateDir().relativize(backups.backupRoot(d.id()).toAbsolutePath()) + "; nothing was restored."
                            + " Fix: restore that folder from your own backups of the state dir, then roll back again");
                }
            }
        }
    }

    /** Files whose live sha256 is no longer the deployment's "after"; prints what would be restored when asked. */
    private List<String> changedSince(Deployment d, List<DeployedInstance> instances, PrintWriter out, boolean show) {
        List<String> changed = new ArrayList<>();
        for (DeployedInstance i : instances) {
            InstanceFiles files = context.files(i.server(), i.instance(), i.instanceId());
            if (show) {
                out.println("== " + i.label());
            }
            for (ManifestFile f : store.files(d.id(), i.server(), i.instance())) {
                String live;
                try {
                    live = Backups.sha256(files.exists(f.path()) ? files.read(f.path()) : null);
                } catch (IOException e) {
                    throw new InstanceDeployer.DeployIOException(i.label() + ":" + f.path() + " cannot be read: " + e.getMessage(), e);
                }
                if (!Objects.equals(live, f.sha256After())) {
                    changed.add(i.label() + ":" + f.path() + " sha256 now " + abbrev(live) + ", recorded after the deployment " + abbrev(f.sha256After()));
                }
                if (show) {
                    out.println("  " + (f.sha256Before() == null ? "remove " : "restore ") + f.path() + " (sha256 " + abbrev(live) + " -> "
                            + abbrev(f.sha256Before()) + ")");
                }
            }
        }
        return changed;
    }

    private String record(Deployment d, List<DeployedInstance> instances, boolean force) {
        List<DeployRow> rows = new ArrayList<>();
        int position = 0;
        for (DeployRow r : store.rows(d.id())) {
            boolean mine = instances.stream().anyMatch(i -> i.server().equals(r.server()) && i.instance().equals(r.instance()));
            if (r.result() == RowResult.APPLIED && mine) {
                rows.add(new DeployRow(position++, r.changeId(), r.rowNumber(), r.server(), r.instance(), r.type(), r.plugin(), r.file(),
                        r.setting(), r.proposed(), r.current(), r.secret(), r.checksumState(), r.approvedBy(), r.note(), RowResult.PENDING, null,
                        null, null));
            }
        }
        List<DeployedInstance> todo = instances.stream()
                .map(i -> new DeployedInstance(i.server(), i.instance(), i.instanceId(), InstanceState.PENDING, 0, null)).toList();
        Deployment rollback = new Deployment(null, "rollback", d.planId(), d.workbookSha256(), d.workbookPath(), d.instancesFilter(), d.id(),
                force, DeployService.runBy(), OffsetDateTime.now(ZoneOffset.UTC), null, Deployment.RUNNING);
        return store.create(rollback, LocalDate.now(settings.timeZone()), rows, todo);
    }

    private static String abbrev(String sha) {
        return sha == null ? "(absent)" : sha.substring(0, 12);
    }
}
