package org.homeamp.batch;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.homeamp.config.ConfigException;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.batch.LeftoverTempFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Service;

/**
 * Runs, resumes and lists jobs with the semantics of SPEC §11: a run is identified by its business
 * date; running a date whose run failed (or crashed) resumes it; a completed date is not run again
 * unless asked with {@code --rerun}. Only one job runs at a time per state dir ({@link RunLock}).
 */
@Service
public class JobService {
    private static final Logger log = LoggerFactory.getLogger(JobService.class);
    /** Start, end and failure of every job, for the log file (logback-spring.xml keeps them off the console). */
    private static final Logger jobLog = LoggerFactory.getLogger("homeamp.jobs");

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Map<String, Job> jobs;
    private final HomeAmpSettings settings;
    private final List<JobPreflight> preflights;

    public JobService(JobOperator jobOperator, JobRepository jobRepository, List<Job> jobs, HomeAmpSettings settings,
            List<JobPreflight> preflights) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, Function.identity()));
        this.settings = settings;
        this.preflights = preflights;
    }

    /** Runs (or resumes) {@code jobName} for {@code date}. */
    public RunOutcome run(String jobName, LocalDate date, List<String> servers, boolean rerun) {
        Job job = jobs.get(jobName);
        if (job == null) {
            throw new ConfigException("unknown job '" + jobName + "'. Fix: use one of " + JobNames.RUNNABLE);
        }
        for (String s : servers) {
            if (settings.server(s).isEmpty()) {
                throw new ConfigException("--server " + s + ": no such server in " + settings.configFile()
                        + ". Fix: use one of " + settings.servers().stream().map(x -> x.name()).toList());
            }
        }
        preflights.forEach(p -> p.check(jobName));
        try (RunLock lock = acquireLock()) {
            JobParameters params = JobParams.of(date, servers, null);
            JobInstance instance = jobRepository.getJobInstance(jobName, params);
            if (rerun) {
                params = JobParams.of(date, servers, System.currentTimeMillis());
            } else if (instance != null) {
                JobExecution last = jobRepository.getLastJobExecution(instance);
                if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
                    return new RunOutcome(last.getId(), BatchStatus.COMPLETED,
                            jobName + " for " + date + " already completed (execution " + last.getId() + ", "
                                    + last.getEndTime() + "). Nothing to do; use --rerun to run it again.", false);
                }
                if (last != null) {
                    log.info("{} for {} did not complete before (execution {}, {}): resuming it", jobName, date,
                            last.getId(), last.getStatus());
                    return execute(jobName + " for " + date + ": resuming execution " + last.getId(),
                            () -> jobOperator.restart(recoverIfCrashed(last)));
                }
            }
            JobParameters p = params;
            return execute(jobName + " for " + date + ": starting" + (servers.isEmpty() ? "" : " (servers " + servers + ")"),
                    () -> jobOperator.start(job, p));
        }
    }

    /** Resumes the given execution, or the latest one that did not complete. */
    public RunOutcome restart(Long executionId) {
        try (RunLock lock = acquireLock()) {
            JobExecution target;
            if (executionId != null) {
                target = findExecution(executionId);
            } else {
                Optional<JobExecution> latest = latestIncomplete();
                if (latest.isEmpty()) {
                    return new RunOutcome(0, BatchStatus.COMPLETED, "Nothing to restart: every job execution completed.", false);
                }
                target = latest.get();
            }
            JobExecution t = target;
            preflights.forEach(p -> p.check(t.getJobInstance().getJobName()));
            if (t.getStatus() == BatchStatus.COMPLETED) {
                return new RunOutcome(t.getId(), BatchStatus.COMPLETED, "Execution " + t.getId() + " ("
                        + t.getJobInstance().getJobName() + ") already completed. Nothing to restart.", false);
            }
            if (t.getStatus() == BatchStatus.ABANDONED) {
                throw new ConfigException("execution " + t.getId() + " was abandoned and cannot be restarted. Fix: run the job again with 'homeamp run'");
            }
            JobExecution newer = jobRepository.getLastJobExecution(t.getJobInstance());
            if (newer != null && newer.getId() > t.getId()) {
                throw new ConfigException("execution " + t.getId() + " was already resumed by execution " + newer.getId()
                        + " (" + newer.getStatus() + "). Fix: run 'homeamp restart " + newer.getId() + "' if that one did not complete");
            }
            log.info("Resuming {} execution {} ({}, {})", t.getJobInstance().getJobName(), t.getId(), t.getStatus(),
                    JobParams.date(t.getJobParameters()));
            return execute(t.getJobInstance().getJobName() + " for " + JobParams.date(t.getJobParameters())
                    + ": restarting execution " + t.getId(), () -> jobOperator.restart(recoverIfCrashed(t)));
        }
    }

    private JobExecution findExecution(long executionId) {
        JobExecution found;
        try {
            found = jobRepository.getJobExecution(executionId);
        } catch (EmptyResultDataAccessException e) {
            // Batch 6's JDBC DAO throws where the in-memory one answers null
            found = null;
        }
        if (found == null) {
            throw new ConfigException("no job execution " + executionId + "; see homeamp status");
        }
        return found;
    }

    /** Newest top-level execution whose status is not COMPLETED or ABANDONED. */
    public Optional<JobExecution> latestIncomplete() {
        return recentExecutions(200).stream()
                .filter(e -> e.getStatus() != BatchStatus.COMPLETED && e.getStatus() != BatchStatus.ABANDONED)
                .findFirst()
                .filter(e -> {
                    JobExecution last = jobRepository.getLastJobExecution(e.getJobInstance());
                    return last == null || last.getId() == e.getId();
                });
    }

    /** Recent executions of every job, newest first. */
    public List<JobExecution> recentExecutions(int limit) {
        List<JobExecution> all = new ArrayList<>();
        for (String name : jobRepository.getJobNames()) {
            for (JobInstance inst : jobRepository.getJobInstances(name, 0, limit)) {
                all.addAll(jobRepository.getJobExecutions(inst));
            }
        }
        all.sort(Comparator.comparingLong(JobExecution::getId).reversed());
        return all.size() > limit ? all.subList(0, limit) : all;
    }

    /** The first failed step of an execution, for status and messages. */
    public static Optional<StepExecution> failedStep(JobExecution e) {
        return e.getStepExecutions().stream()
                .filter(s -> s.getStatus() == BatchStatus.FAILED || s.getStatus().isRunning())
                .min(Comparator.comparingLong(StepExecution::getId));
    }

    /** Wall time of an execution, or up to now when it has not ended. */
    public static Duration duration(JobExecution e) {
        LocalDateTime start = e.getStartTime() != null ? e.getStartTime() : e.getCreateTime();
        LocalDateTime end = e.getEndTime() != null ? e.getEndTime() : LocalDateTime.now();
        return start == null ? Duration.ZERO : Duration.between(start, end);
    }

    /**
     * A failed run that still has a step execution marked running: a partition a {@code homeamp worker}
     * was running when it was killed (the manager failed the step after the worker stopped beating).
     */
    private boolean leftRunningPartition(JobExecution e) {
        JobExecution stored = jobRepository.getJobExecution(e.getId());
        return stored != null && stored.getStepExecutions().stream().anyMatch(s -> s.getStatus().isRunning());
    }

    private JobExecution recoverIfCrashed(JobExecution e) {
        if (e.getStatus().isRunning() || e.getStatus() == BatchStatus.UNKNOWN || leftRunningPartition(e)) {
            // We hold the run lock, so the process that left this execution running is gone (kill -9, power loss).
            if (e.getStatus().isRunning() || e.getStatus() == BatchStatus.UNKNOWN) {
                log.info("Execution {} was left {} by a process that is gone: marking it FAILED so it can resume",
                        e.getId(), e.getStatus());
            } else {
                log.info("Execution {} failed with a partition still marked running (its worker is gone): marking it FAILED so it can resume",
                        e.getId());
            }
            return jobOperator.recover(e);
        }
        return e;
    }

    private RunOutcome execute(String starting, JobCall call) {
        jobLog.info(starting);
        JobExecution exec;
        try {
            exec = call.run();
        } catch (Exception e) {
            jobLog.error("{}: could not start: {}", starting, describe(e));
            throw new IllegalStateException("could not start the job: " + e.getMessage(), e);
        }
        RunOutcome outcome = outcome(exec);
        if (outcome.failed()) {
            jobLog.error(outcome.message());
        } else {
            jobLog.info(outcome.message());
        }
        return outcome;
    }

    private RunOutcome outcome(JobExecution exec) {
        String name = exec.getJobInstance().getJobName();
        String date = String.valueOf(JobParams.date(exec.getJobParameters()));
        Duration d = duration(exec);
        if (exec.getStatus() == BatchStatus.COMPLETED) {
            return new RunOutcome(exec.getId(), exec.getStatus(),
                    name + " for " + date + " completed in " + formatDuration(d) + " (execution " + exec.getId() + ").", true);
        }
        StringBuilder msg = new StringBuilder(name + " for " + date + " " + exec.getStatus() + " after " + formatDuration(d)
                + " (execution " + exec.getId() + ")");
        failedStep(exec).ifPresent(s -> msg.append(" in step ").append(s.getStepName()));
        msg.append(":");
        List<String> causes = exec.getAllFailureExceptions().stream().map(JobService::describe).distinct().toList();
        for (String c : causes) {
            msg.append("\n  ").append(c);
        }
        msg.append("\nFix the cause, then run: homeamp restart ").append(exec.getId());
        for (Throwable t : exec.getAllFailureExceptions()) {
            log.debug("failure of execution {}", exec.getId(), t);
        }
        return new RunOutcome(exec.getId(), exec.getStatus(), msg.toString(), true);
    }

    /** An exception as the operator should read it: the innermost message that says something. */
    static String describe(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c
                && (c.getMessage() == null || c.getMessage().isBlank() || c.getClass().getName().startsWith("org.springframework"))) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return m == null || m.isBlank() ? c.getClass().getSimpleName() : m;
    }

    public static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms < 10_000) {
            return String.format("%.1f s", ms / 1000.0);
        }
        long s = d.toSeconds();
        return s < 120 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
    }

    private RunLock acquireLock() {
        RunLock lock = RunLock.acquire(settings);
        // holding the lock, no other homeamp process is writing: temp files a killed run left can go
        LeftoverTempFiles.sweep(settings.stateDir());
        return lock;
    }

    @FunctionalInterface
    private interface JobCall {
        JobExecution run() throws Exception;
    }
}
