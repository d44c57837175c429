package org.homeamp.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.homeamp.approval.ApprovalWorkbookReader;
import org.homeamp.approval.ApprovedRow;
import org.homeamp.approval.JdbcPlanStore;
import org.homeamp.approval.Plan;
import org.homeamp.approval.PlanSigner;
import org.homeamp.approval.ProposedChange;
import org.homeamp.approval.ReadResult;
import org.homeamp.approval.RefusedRow;
import org.homeamp.batch.JobFailedException;
import org.homeamp.batch.JobNames;
import org.homeamp.batch.JobService;
import org.homeamp.batch.RunLock;
import org.homeamp.config.ConfigException;
import org.homeamp.config.HomeAmpSettings;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * {@code homeamp deploy}: reads and verifies the workbook (a workbook that cannot be trusted at all
 * is refused whole, exit 2), records the deployment with every approved and refused row, and runs
 * the restartable {@code deploy} job on it, identified by the plan id, the workbook's sha256 and the
 * instance filter. The same workbook deployed again says where it was deployed; one whose deploy was
 * killed or failed is resumed.
 */
@Service
public class DeployService {
    /** Exit codes of the deploy command (SPEC §3). */
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int PROBLEMS = 4;

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job deployJob;
    private final JobService jobService;
    private final DeploymentStore store;
    private final HomeAmpSettings settings;
    private final JdbcTemplate jdbc;
    private final DryRun dryRun;

    public DeployService(JobOperator jobOperator, JobRepository jobRepository, @Qualifier("deployJob") Job deployJob, JobService jobService,
            DeploymentStore store, HomeAmpSettings settings, JdbcTemplate jdbc, DryRun dryRun) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.deployJob = deployJob;
        this.jobService = jobService;
        this.store = store;
        this.settings = settings;
        this.jdbc = jdbc;
        this.dryRun = dryRun;
    }

    /** The workbook as read: who approved what, with the plan it belongs to. */
    record Intake(Path workbook, String sha256, Plan plan, ReadResult read, List<DeployRow> rows, List<String> instancesFilter) {
        long approved() {
            return rows.stream().filter(r -> r.result() == RowResult.PENDING).count();
        }

        String filter() {
            return String.join(",", new TreeSet<>(instancesFilter));
        }
    }

    /**
     * Deploys (or with {@code dryRun} only verifies and shows) the approved rows of {@code workbook}.
     *
     * @return the exit code: 0 done, 1 the job failed (restartable), 4 a row was refused or rolled back
     * @throws org.homeamp.approval.WorkbookRefusedException when the workbook is refused whole
     */
    public int deploy(Path workbook, List<String> instances, boolean dryRunOnly, PrintWriter out) {
        Intake intake = read(workbook, instances);
        if (dryRunOnly) {
            return dryRun.show(intake, out);
        }
        Optional<Deployment> earlier = store.findForWorkbook(intake.plan().planId(), intake.sha256(), intake.filter());
        if (earlier.isPresent() && earlier.get().finishedRun()) {
            out.println("already deployed as " + earlier.get().id() + " (" + earlier.get().started() + "): nothing to do."
                    + " See 'homeamp history " + earlier.get().id() + "'");
            return OK;
        }
        JobParameters params = new JobParametersBuilder()
                .addString("plan", intake.plan().planId())
                .addString("workbook.sha256", intake.sha256())
                .addString("instances", intake.filter().isEmpty() ? "*" : intake.filter())
                .toJobParameters();
        String id;
        if (earlier.isPresent()) {
            id = earlier.get().id();
            out.println("deployment " + id + " for plan " + intake.plan().planId() + ": " + intake.approved() + " rows approved (resuming)");
            JobInstance instance = jobRepository.getJobInstance(JobNames.DEPLOY, withDeployment(params, id));
            JobExecution last = instance == null ? null : jobRepository.getLastJobExecution(instance);
            if (last != null) {
                return finish(id, jobService.restart(last.getId()).executionId(), out);
            }
        } else {
            id = record(intake);
            out.println("deployment " + id + " for plan " + intake.plan().planId() + ": " + intake.approved() + " rows approved");
        }
        for (DeployRow r : store.rows(id)) {
            if (r.result() == RowResult.REFUSED) {
                out.println("  " + r.label() + " refused: " + r.reason());
            }
        }
        if (intake.approved() == 0) {
            DeploySummary s = DeploySummary.of(store, id);
            store.finish(id, s.hasProblems() ? Deployment.COMPLETED_WITH_PROBLEMS : Deployment.COMPLETED);
            out.println("nothing to deploy.");
            return s.hasProblems() ? PROBLEMS : OK;
        }
        return finish(id, start(withDeployment(params, id)), out);
    }

    /**
     * After {@code homeamp restart} resumed an execution: when it was a deployment, prints its summary
     * and gives the deploy exit code; empty for other jobs.
     */
    public Optional<Integer> afterRestart(long executionId, PrintWriter out) {
        JobExecution exec = executionId == 0 ? null : jobRepository.getJobExecution(executionId);
        if (exec == null || !(JobNames.DEPLOY.equals(exec.getJobInstance().getJobName())
                || JobNames.ROLLBACK.equals(exec.getJobInstance().getJobName()))) {
            return Optional.empty();
        }
        return Optional.of(finish(exec.getJobParameters().getString(DeployJobConfig.DEPLOYMENT), executionId, out));
    }

    /** Prints the summary of a deployment whose job ran and returns the exit code. */
    public int finish(String id, long executionId, PrintWriter out) {
        JobExecution exec = jobRepository.getJobExecution(executionId);
        DeploySummary summary = DeploySummary.of(store, id);
        summary.lines().forEach(out::println);
        if (exec == null || exec.getStatus() != BatchStatus.COMPLETED) {
            String cause = exec == null ? "" : exec.getAllFailureExceptions().stream().map(DeployService::describe).distinct()
                    .reduce("", (a, b) -> a + "\n  " + b);
            throw new JobFailedException("deployment " + id + " did not finish (execution " + executionId + ")" + cause
                    + "\nNothing is left half-written. Fix the cause, then run: homeamp restart " + executionId, executionId);
        }
        return summary.hasProblems() ? PROBLEMS : OK;
    }

    /** An exception as the operator should read it: the innermost message that says something. */
    static String describe(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c
                && (c.getMessage() == null || c.getMessage().isBlank() || c.getClass().getName().startsWith("org.springframework"))) {
            c = c.getCause();
        }
        return c.getMessage() == null || c.getMessage().isBlank() ? c.getClass().getSimpleName() : c.getMessage();
    }

    private static JobParameters withDeployment(JobParameters params, String id) {
        return new JobParametersBuilder(params).addString(DeployJobConfig.DEPLOYMENT, id, false).toJobParameters();
    }

    private long start(JobParameters params) {
        try (RunLock lock = RunLock.acquire(settings, "deploy again")) {
            return jobOperator.start(deployJob, params).getId();
        } catch (org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException
                 | org.springframework.batch.core.launch.JobExecutionAlreadyRunningException
                 | org.springframework.batch.core.launch.JobRestartException
                 | org.springframework.batch.core.job.parameters.InvalidJobParametersException e) {
            throw new IllegalStateException("could not start the deploy job: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ reading the workbook

    Intake read(Path workbook, List<String> instances) {
        ApprovalWorkbookReader reader = new ApprovalWorkbookReader(PlanSigner.forStateDir(settings.stateDir()));
        JdbcPlanStore plans = new JdbcPlanStore(jdbc, PlanSigner.forStateDir(settings.stateDir()));
        ReadResult read = reader.read(workbook, plans, Clock.systemUTC());
        Plan plan = plans.find(read.planId()).orElseThrow();
        Map<String, ProposedChange> byId = new LinkedHashMap<>();
        plan.changes().forEach(c -> byId.put(c.changeId(), c));
        for (String name : instances) {
            if (plan.changes().stream().noneMatch(c -> c.instance().equalsIgnoreCase(name))) {
                throw new ConfigException("--instance " + name + ": plan " + plan.planId() + " proposes no change for an instance of that name."
                        + " Fix: use one of " + plan.changes().stream().map(ProposedChange::instance).distinct().sorted().toList());
            }
        }
        List<DeployRow> rows = new ArrayList<>();
        List<Object[]> ordered = new ArrayList<>();
        read.approved().forEach(a -> ordered.add(new Object[] {a.rowNumber(), a}));
        read.refused().forEach(r -> ordered.add(new Object[] {r.rowNumber(), r}));
        ordered.sort(Comparator.comparingInt(o -> (Integer) o[0]));
        int position = 0;
        for (Object[] o : ordered) {
            if (o[1] instanceof ApprovedRow a) {
                if (inScope(a.change(), instances)) {
                    rows.add(row(position++, a.rowNumber(), a.change(), a.approvedBy(), a.note(), RowResult.PENDING, null));
                }
            } else {
                RefusedRow r = (RefusedRow) o[1];
                ProposedChange c = byId.get(r.changeId());
                if (c == null ? instances.isEmpty() : inScope(c, instances)) {
                    rows.add(c == null
                            ? new DeployRow(position++, r.changeId() == null || r.changeId().isBlank() ? "(none)" : r.changeId(), r.rowNumber(),
                                    null, null, null, null, null, null, null, null, false, null, null, null, RowResult.REFUSED, r.reason(), null, null)
                            : row(position++, r.rowNumber(), c, null, null, RowResult.REFUSED, r.reason()));
                }
            }
        }
        return new Intake(workbook, sha256(workbook), plan, read, rows, instances);
    }

    private static boolean inScope(ProposedChange c, List<String> instances) {
        return instances.isEmpty() || instances.stream().anyMatch(i -> i.equalsIgnoreCase(c.instance()));
    }

    private static DeployRow row(int position, int rowNumber, ProposedChange c, String approvedBy, String note, RowResult result, String reason) {
        return new DeployRow(position, c.changeId(), rowNumber, c.server(), c.instance(), c.type(), c.plugin(), c.file(), c.setting(),
                c.current(), c.proposed(), c.secret(), c.checksumState(), approvedBy, note, result, reason, null, null);
    }

    private String record(Intake intake) {
        Map<String, DeployedInstance> instances = new LinkedHashMap<>();
        for (DeployRow r : intake.rows()) {
            if (r.result() == RowResult.PENDING) {
                instances.computeIfAbsent(r.server() + "/" + r.instance(), k -> new DeployedInstance(r.server(), r.instance(),
                        instanceId(r.server(), r.instance()), InstanceState.PENDING, 0, null));
            }
        }
        Deployment d = new Deployment(null, "deploy", intake.plan().planId(), intake.sha256(), intake.workbook().toAbsolutePath().toString(),
                intake.filter(), null, false, runBy(), OffsetDateTime.now(ZoneOffset.UTC), null, Deployment.RUNNING);
        return store.create(d, LocalDate.now(settings.timeZone()), intake.rows(), new ArrayList<>(instances.values()));
    }

    private String instanceId(String server, String instance) {
        List<String> ids = jdbc.queryForList("SELECT instance_id FROM instance WHERE server = ? AND instance_name = ?", String.class, server, instance);
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** The operating-system user who ran the command; under sudo, also who invoked sudo. */
    static String runBy() {
        String user = System.getProperty("user.name", "unknown");
        String sudo = System.getenv("SUDO_USER");
        return sudo == null || sudo.isBlank() || sudo.equals(user) ? user : user + " (sudo by " + sudo + ")";
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new ConfigException(file + " cannot be read: " + e.getMessage() + ". Fix: check the path and permissions");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
