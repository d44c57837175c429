package org.homeamp.drift;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeSet;

import org.homeamp.baseline.ExpectedFile;
import org.homeamp.batch.JobNames;
import org.homeamp.batch.JobParams;
import org.homeamp.batch.PartitionProgress;
import org.homeamp.batch.Problems;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.files.InstanceFilesFactory;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
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
 * rules, drift.json, summary).
 */
@Configuration
public class DriftScanJobConfig {
    static final int CHUNK = 20;
    /** Files larger than this are reported instead of parsed. */
    static final long MAX_FILE_BYTES = 8L << 20;

    @Bean
    public Job driftScanJob(JobRepository repo, Step driftPlanStep, Step driftScanStep, Step driftFinishStep) {
        return new JobBuilder(JobNames.DRIFT_SCAN, repo).start(driftPlanStep).next(driftScanStep).next(driftFinishStep).build();
    }

    @Bean
    public Step driftPlanStep(JobRepository repo, PlatformTransactionManager tx, HomeAmpSettings settings, DriftInputs.PerExecution driftInputs,
            JdbcTemplate jdbc) {
        return new StepBuilder("driftPlan", repo).tasklet(new DriftPlanner(settings, driftInputs, jdbc), tx).build();
    }

    @Bean
    public Step driftScanStep(JobRepository repo, Step driftScanInstanceStep, DriftPartitioner driftPartitioner, TaskExecutor partitionExecutor,
            PartitionProgress driftProgress) {
        return new StepBuilder("driftScan", repo)
                .partitioner("driftScanInstance", driftPartitioner)
                .step(driftScanInstanceStep)
                .taskExecutor(partitionExecutor)
                .listener(driftProgress)
                .build();
    }

    @Bean
    public Step driftScanInstanceStep(JobRepository repo, PlatformTransactionManager tx, DriftWorkReader driftWorkReader,
            DriftFileProcessor driftFileProcessor, FindingWriter driftFindingWriter, PartitionProgress driftProgress) {
        return new StepBuilder("driftScanInstance", repo)
                .<DriftWorkItem, FileResult>chunk(CHUNK)
                .transactionManager(tx)
                .reader(driftWorkReader)
                .processor(driftFileProcessor)
                .writer(driftFindingWriter)
                .listener((ItemWriteListener<Object>) driftProgress)
                .build();
    }

    @Bean
    public Step driftFinishStep(JobRepository repo, PlatformTransactionManager tx, JdbcTemplate jdbc, HomeAmpSettings settings,
            DriftInputs.PerExecution driftInputs, Problems problems) {
        return new StepBuilder("driftFinish", repo).tasklet(new DriftFinisher(jdbc, settings, driftInputs, problems), tx).build();
    }

    @Bean
    @StepScope
    public DriftPartitioner driftPartitioner(JdbcTemplate jdbc, @Value("#{stepExecution}") StepExecution step) {
        return new DriftPartitioner(jdbc, step.getJobExecution().getJobInstance().getInstanceId());
    }

    @Bean
    @StepScope
    public DriftWorkReader driftWorkReader(JdbcTemplate jdbc, @Value("#{stepExecution}") StepExecution step) {
        var ctx = step.getExecutionContext();
        return new DriftWorkReader(jdbc, step.getJobExecution().getJobInstance().getInstanceId(), ctx.getString(DriftPartitioner.SERVER),
                ctx.getString(DriftPartitioner.INSTANCE), ctx.containsKey(DriftPartitioner.INSTANCE_ID) ? ctx.getString(DriftPartitioner.INSTANCE_ID) : null);
    }

    @Bean
    @StepScope
    public DriftFileProcessor driftFileProcessor(InstanceFilesFactory filesFactory, DriftInputs.PerExecution driftInputsPerExecution,
            JdbcTemplate jdbc, SecretMasker secretMasker, @Value("#{stepExecution}") StepExecution step) {
        DriftInputs driftInputs = driftInputsPerExecution.get(step.getJobExecutionId());
        var ctx = step.getExecutionContext();
        String server = ctx.getString(DriftPartitioner.SERVER);
        String instance = ctx.getString(DriftPartitioner.INSTANCE);
        String instanceId = ctx.containsKey(DriftPartitioner.INSTANCE_ID) ? ctx.getString(DriftPartitioner.INSTANCE_ID) : null;
        TreeSet<String> plugins = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        plugins.addAll(jdbc.queryForList("""
                SELECT DISTINCT plugin_name FROM plugin_jar
                 WHERE server = ? AND instance_name = ? AND removed_on IS NULL AND status = 'OK' AND plugin_name IS NOT NULL""",
                String.class, server, instance));
        Map<String, ExpectedFile> expected = driftInputs.expectedFor(server, instance, plugins);
        LocalDate today = JobParams.date(step.getJobParameters());
        return new DriftFileProcessor(filesFactory.forInstance(server, instance, instanceId), expected, driftInputs.rules(), today, MAX_FILE_BYTES, secretMasker);
    }

    @Bean
    @StepScope
    public FindingWriter driftFindingWriter(JdbcTemplate jdbc, Problems problems, @Value("#{stepExecution}") StepExecution step) {
        var ctx = step.getExecutionContext();
        return new FindingWriter(jdbc, problems, step.getJobExecution().getJobInstance().getInstanceId(), JobParams.date(step.getJobParameters()),
                ctx.getString(DriftPartitioner.SERVER), ctx.getString(DriftPartitioner.INSTANCE));
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
