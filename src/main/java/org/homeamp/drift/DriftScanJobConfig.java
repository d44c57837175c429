package org.homeamp.drift;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.homeamp.baseline.ExpectedFile;
import org.homeamp.batch.JobNames;
import org.homeamp.batch.JobPreflight;
import org.homeamp.batch.PartitionProgress;
import org.homeamp.batch.Problems;
import org.homeamp.batch.RemoteSteps;
import org.homeamp.batch.RunGaps;
import org.homeamp.batch.WorkListPartitioner;
import org.homeamp.batch.WorkLists;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.files.InstanceFilesFactory;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wiring of the {@code drift-scan} job (SPEC §7): plan (validate baselines, rules, variables; persist
 * instance × expected file) → scan (partitioned by instance, chunked) → finish (RESOLVED, expired
 * rules, drift.json, summary) → the incomplete-run check.
 */
@Configuration
public class DriftScanJobConfig {
    static final int CHUNK = 20;
    /** Files larger than this are reported instead of parsed. */
    static final long MAX_FILE_BYTES = 8L << 20;

    @Bean
    public Job driftScanJob(JobRepository repo, RunGaps runGaps, Step driftPlanStep, Step driftScanStep, Step driftFinishStep,
            Step incompleteCheckStep) {
        return new JobBuilder(JobNames.DRIFT_SCAN, repo).listener(runGaps)
                .start(driftPlanStep).next(driftScanStep).next(driftFinishStep).next(incompleteCheckStep).build();
    }

    /** Baselines, rules and variables are read before a job that scans drift starts: a broken file is exit 2, before any work. */
    @Bean
    public JobPreflight driftPreflight(HomeAmpSettings settings) {
        return JobPreflight.forJobs(Set.of(JobNames.DRIFT_SCAN, JobNames.NIGHTLY), () -> DriftInputs.load(settings));
    }

    @Bean
    public Step driftPlanStep(JobRepository repo, PlatformTransactionManager tx, HomeAmpSettings settings, DriftInputs.PerExecution driftInputs,
            JdbcTemplate jdbc, RunGaps runGaps) {
        return runGaps.redoable(new StepBuilder("driftPlan", repo).tasklet(new DriftPlanner(settings, driftInputs, jdbc, runGaps), tx).build());
    }

    @Bean
    public Step driftScanStep(JobRepository repo, RunGaps runGaps, Step driftScanInstanceStep, WorkListPartitioner driftPartitioner,
            TaskExecutor partitionExecutor, PartitionProgress driftProgress, ObjectProvider<RemoteSteps> remoteSteps) {
        return runGaps.redoable(WorkLists.partitioned("driftScan", repo, driftScanInstanceStep, driftPartitioner, partitionExecutor, driftProgress,
                remoteSteps.getIfAvailable(), "drift scan"));
    }

    @Bean
    public Step driftScanInstanceStep(JobRepository repo, PlatformTransactionManager tx, JdbcPagingItemReader<DriftWorkItem> driftWorkReader,
            DriftFileProcessor driftFileProcessor, FindingWriter driftFindingWriter, PartitionProgress driftProgress, ObjectProvider<RemoteSteps> remoteSteps) {
        return WorkLists.worker("driftScanInstance", repo, tx, CHUNK, driftWorkReader, driftFileProcessor, driftFindingWriter, driftProgress,
                remoteSteps.getIfAvailable());
    }

    @Bean
    public Step driftFinishStep(JobRepository repo, PlatformTransactionManager tx, JdbcTemplate jdbc, HomeAmpSettings settings,
            DriftInputs.PerExecution driftInputs, Problems problems, RunGaps runGaps) {
        return runGaps.redoable(new StepBuilder("driftFinish", repo)
                .tasklet(new DriftFinisher(jdbc, settings, driftInputs, problems, runGaps), tx).build());
    }

    /** One partition per instance of the run's work list ({@code server/instance}). */
    @Bean
    @StepScope
    public WorkListPartitioner driftPartitioner(JdbcTemplate jdbc, @Value("#{jobInstanceId}") long runId) {
        return new WorkListPartitioner(jdbc, """
                SELECT server || '/' || instance_name, server, instance_name, instance_id FROM drift_target
                 WHERE run_id = ? ORDER BY server, instance_name""", runId, "server", "instance", "instanceId");
    }

    /** One instance's expected files in path order. */
    @Bean
    @StepScope
    public JdbcPagingItemReader<DriftWorkItem> driftWorkReader(DataSource dataSource, @Value("#{jobInstanceId}") long runId,
            @Value("#{stepExecutionContext['server']}") String server, @Value("#{stepExecutionContext['instance']}") String instance,
            @Value("#{stepExecutionContext['instanceId']}") String instanceId) {
        return WorkLists.reader("driftWork", dataSource, "file", "drift_work", "run_id = :runId AND server = :server AND instance_name = :instance",
                "file", Map.of("runId", runId, "server", server, "instance", instance), CHUNK,
                (rs, i) -> new DriftWorkItem(server, instance, instanceId, rs.getString("file")));
    }

    @Bean
    @StepScope
    public DriftFileProcessor driftFileProcessor(InstanceFilesFactory filesFactory, DriftInputs.PerExecution driftInputsPerExecution,
            JdbcTemplate jdbc, SecretMasker secretMasker, @Value("#{stepExecution.jobExecutionId}") long executionId,
            @Value("#{jobParameters['date']}") LocalDate today,
            @Value("#{stepExecutionContext['server']}") String server, @Value("#{stepExecutionContext['instance']}") String instance,
            @Value("#{stepExecutionContext['instanceId']}") String instanceId) {
        DriftInputs driftInputs = driftInputsPerExecution.get(executionId);
        TreeSet<String> plugins = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        plugins.addAll(jdbc.queryForList("""
                SELECT DISTINCT plugin_name FROM plugin_jar
                 WHERE server = ? AND instance_name = ? AND removed_on IS NULL AND status = 'OK' AND plugin_name IS NOT NULL""",
                String.class, server, instance));
        Map<String, ExpectedFile> expected = driftInputs.expectedFor(server, instance, plugins);
        return new DriftFileProcessor(filesFactory.forInstance(server, instance, instanceId), expected, driftInputs.rules(), today, MAX_FILE_BYTES,
                secretMasker);
    }

    @Bean
    @StepScope
    public FindingWriter driftFindingWriter(JdbcTemplate jdbc, Problems problems, @Value("#{jobInstanceId}") long runId,
            @Value("#{jobParameters['date']}") LocalDate date, @Value("#{stepExecutionContext['server']}") String server,
            @Value("#{stepExecutionContext['instance']}") String instance) {
        return new FindingWriter(jdbc, problems, runId, date, server, instance);
    }

    /** Lazy: the fingerprint key is created in the state dir on first use, not by every command that opens a context. */
    @Bean
    @Lazy
    public SecretMasker secretMasker(HomeAmpSettings settings) {
        return SecretMasker.forStateDir(settings.stateDir());
    }

    @Bean
    public PartitionProgress driftProgress(JdbcTemplate jdbc) {
        return new PartitionProgress(jdbc, "driftScan", "drift scan", "files", "SELECT COUNT(*) FROM drift_work WHERE run_id = ?");
    }
}
