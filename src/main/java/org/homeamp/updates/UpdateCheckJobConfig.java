package org.homeamp.updates;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.JobParams;
import org.homeamp.batch.PartitionProgress;
import org.homeamp.batch.Problems;
import org.homeamp.config.HomeAmpSettings;
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
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wiring of the {@code update-check} job (SPEC §8): plan (validate the registry, persist one work item
 * per distinct installed jar) → check (partitioned, chunked; each answer fanned out to the instances
 * that have the jar) → finish ({@code updates.json}, summary).
 */
@Configuration
public class UpdateCheckJobConfig {
    /** Small: a restart redoes at most one chunk per partition, and each item is a network round trip. */
    static final int CHUNK = 5;

    @Bean
    public Job updateCheckJob(JobRepository repo, Step updatePlanStep, Step updateCheckStep, Step updateFinishStep) {
        return new JobBuilder(JobNames.UPDATE_CHECK, repo).start(updatePlanStep).next(updateCheckStep).next(updateFinishStep).build();
    }

    @Bean
    public Step updatePlanStep(JobRepository repo, PlatformTransactionManager tx, HomeAmpSettings settings,
            UpdateInputs.PerExecution updateInputs, JdbcTemplate jdbc) {
        return new StepBuilder("updatePlan", repo).tasklet(new UpdatePlanner(settings, updateInputs, jdbc), tx).build();
    }

    @Bean
    public Step updateCheckStep(JobRepository repo, Step updateCheckPartStep, UpdatePartitioner updatePartitioner,
            TaskExecutor partitionExecutor, PartitionProgress updateProgress) {
        return new StepBuilder("updateCheck", repo)
                .partitioner("updateCheckPart", updatePartitioner)
                .step(updateCheckPartStep)
                .taskExecutor(partitionExecutor)
                .listener(updateProgress)
                .build();
    }

    @Bean
    public Step updateCheckPartStep(JobRepository repo, PlatformTransactionManager tx, UpdateWorkReader updateWorkReader,
            UpdateCheckProcessor updateCheckProcessor, UpdateResultWriter updateResultWriter, PartitionProgress updateProgress) {
        return new StepBuilder("updateCheckPart", repo)
                .<UpdateWorkItem, CheckedJar>chunk(CHUNK)
                .transactionManager(tx)
                .reader(updateWorkReader)
                .processor(updateCheckProcessor)
                .writer(updateResultWriter)
                .listener((ItemWriteListener<Object>) updateProgress)
                .build();
    }

    @Bean
    public Step updateFinishStep(JobRepository repo, PlatformTransactionManager tx, JdbcTemplate jdbc, HomeAmpSettings settings,
            UpdateInputs.PerExecution updateInputs) {
        return new StepBuilder("updateFinish", repo).tasklet(new UpdateFinisher(jdbc, settings, updateInputs), tx).build();
    }

    @Bean
    @StepScope
    public UpdatePartitioner updatePartitioner(JdbcTemplate jdbc, @Value("#{stepExecution}") StepExecution step) {
        return new UpdatePartitioner(jdbc, step.getJobExecution().getJobInstance().getInstanceId());
    }

    @Bean
    @StepScope
    public UpdateWorkReader updateWorkReader(JdbcTemplate jdbc, @Value("#{stepExecution}") StepExecution step) {
        return new UpdateWorkReader(jdbc, step.getJobExecution().getJobInstance().getInstanceId(),
                step.getExecutionContext().getInt(UpdatePartitioner.PART));
    }

    @Bean
    @StepScope
    public UpdateCheckProcessor updateCheckProcessor(UpdateInputs.PerExecution updateInputs, JdbcTemplate jdbc, PlatformTransactionManager tx,
            @Value("#{stepExecution}") StepExecution step) {
        return new UpdateCheckProcessor(updateInputs.get(step.getJobExecutionId()), jdbc, tx,
                step.getJobExecution().getJobInstance().getInstanceId());
    }

    @Bean
    @StepScope
    public UpdateResultWriter updateResultWriter(JdbcTemplate jdbc, Problems problems, @Value("#{stepExecution}") StepExecution step) {
        return new UpdateResultWriter(jdbc, problems, step.getJobExecution().getJobInstance().getInstanceId(),
                JobParams.date(step.getJobParameters()), JobParams.servers(step.getJobParameters()));
    }

    @Bean
    public PartitionProgress updateProgress(JdbcTemplate jdbc) {
        return new PartitionProgress(jdbc, "updateCheck", "update check", "plugins", "SELECT COUNT(*) FROM update_work WHERE run_id = ?");
    }
}
