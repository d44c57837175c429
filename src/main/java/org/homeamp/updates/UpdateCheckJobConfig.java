package org.homeamp.updates;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.JobPreflight;
import org.homeamp.batch.PartitionProgress;
import org.homeamp.batch.PlanOnce;
import org.homeamp.batch.Problems;
import org.homeamp.batch.RunGaps;
import org.homeamp.batch.WorkListPartitioner;
import org.homeamp.batch.WorkLists;
import org.homeamp.updates.sources.InstalledJar;
import org.homeamp.config.HomeAmpSettings;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wiring of the {@code update-check} job (SPEC §8): plan (validate the registry, persist one work item
 * per distinct installed jar) → check (partitioned, chunked; each answer fanned out to the instances
 * that have the jar) → finish ({@code updates.json}, summary) → the incomplete-run check.
 */
@Configuration
public class UpdateCheckJobConfig {
    /** Small: a restart redoes at most one chunk per partition, and each item is a network round trip. */
    static final int CHUNK = 5;

    @Bean
    public Job updateCheckJob(JobRepository repo, RunGaps runGaps, Step updatePlanStep, Step updateCheckStep, Step updateFinishStep,
            Step incompleteCheckStep) {
        return new JobBuilder(JobNames.UPDATE_CHECK, repo).listener(runGaps)
                .start(updatePlanStep).next(updateCheckStep).next(updateFinishStep).next(incompleteCheckStep).build();
    }

    /** The registry is read before a job that checks updates starts or resumes: a broken registry file is exit 2, before any work. */
    @Bean
    public JobPreflight updatePreflight(HomeAmpSettings settings) {
        return JobPreflight.forJobs(Set.of(JobNames.UPDATE_CHECK, JobNames.NIGHTLY), () -> UpdateInputs.registry(settings));
    }

    @Bean
    public Step updatePlanStep(JobRepository repo, PlatformTransactionManager tx, HomeAmpSettings settings,
            UpdateInputs.PerExecution updateInputs, JdbcTemplate jdbc, RunGaps runGaps) {
        return runGaps.redoable(new StepBuilder("updatePlan", repo).tasklet(new UpdatePlanner(settings, updateInputs, jdbc, runGaps), tx).build());
    }

    @Bean
    public Step updateCheckStep(JobRepository repo, RunGaps runGaps, Step updateCheckPartStep, WorkListPartitioner updatePartitioner,
            TaskExecutor partitionExecutor, PartitionProgress updateProgress) {
        return runGaps.redoable(WorkLists.partitioned("updateCheck", repo, updateCheckPartStep, updatePartitioner, partitionExecutor, updateProgress));
    }

    @Bean
    public Step updateCheckPartStep(JobRepository repo, PlatformTransactionManager tx, JdbcPagingItemReader<UpdateWorkItem> updateWorkReader,
            UpdateCheckProcessor updateCheckProcessor, UpdateResultWriter updateResultWriter, PartitionProgress updateProgress) {
        return WorkLists.worker("updateCheckPart", repo, tx, CHUNK, updateWorkReader, updateCheckProcessor, updateResultWriter, updateProgress);
    }

    @Bean
    public Step updateFinishStep(JobRepository repo, PlatformTransactionManager tx, JdbcTemplate jdbc, HomeAmpSettings settings,
            UpdateInputs.PerExecution updateInputs, RunGaps runGaps) {
        return runGaps.redoable(new StepBuilder("updateFinish", repo).tasklet(new UpdateFinisher(jdbc, settings, updateInputs, runGaps), tx).build());
    }

    /** One partition per work-list part the planner filled; parts, not instances, since one jar is checked once for all instances. */
    @Bean
    @StepScope
    public WorkListPartitioner updatePartitioner(JdbcTemplate jdbc, @Value("#{jobInstanceId}") long runId) {
        return new WorkListPartitioner(jdbc, "SELECT DISTINCT 'part' || part, part FROM update_work WHERE run_id = ? ORDER BY part", runId, "part");
    }

    /** One partition's distinct jars in work-list order. */
    @Bean
    @StepScope
    public JdbcPagingItemReader<UpdateWorkItem> updateWorkReader(DataSource dataSource, @Value("#{jobInstanceId}") long runId,
            @Value("#{stepExecutionContext['part']}") int part) {
        return WorkLists.reader("updateWork", dataSource, "seq, plugin_name, version, file_name, sha1, sha256, sha512", "update_work",
                "run_id = :runId AND part = :part", "seq", Map.of("runId", runId, "part", part), CHUNK,
                (rs, i) -> new UpdateWorkItem(rs.getInt("seq"), new InstalledJar(rs.getString("plugin_name"), rs.getString("version"),
                        rs.getString("file_name"), trim(rs.getString("sha1")), trim(rs.getString("sha256")), trim(rs.getString("sha512")), null)));
    }

    private static String trim(String hash) {
        return hash == null ? null : hash.strip();
    }

    @Bean
    @StepScope
    public UpdateCheckProcessor updateCheckProcessor(UpdateInputs.PerExecution updateInputs, JdbcTemplate jdbc, PlatformTransactionManager tx,
            @Value("#{stepExecution.jobExecutionId}") long executionId, @Value("#{jobInstanceId}") long runId) {
        return new UpdateCheckProcessor(updateInputs.get(executionId), jdbc, tx, runId);
    }

    /** Fans each answer out to the instances of the servers this attempt planned. */
    @Bean
    @StepScope
    public UpdateResultWriter updateResultWriter(JdbcTemplate jdbc, Problems problems, @Value("#{jobInstanceId}") long runId,
            @Value("#{jobParameters['date']}") LocalDate date, @Value("#{stepExecution.jobExecution.executionContext}") ExecutionContext jobContext) {
        List<String> servers = PlanOnce.planned(jobContext, RunGaps.UPDATE_CHECK);
        return new UpdateResultWriter(jdbc, problems, runId, date, servers.isEmpty() ? List.of("") : servers);
    }

    @Bean
    public PartitionProgress updateProgress(JdbcTemplate jdbc) {
        return new PartitionProgress(jdbc, "updateCheck", "update check", "plugins", "SELECT COUNT(*) FROM update_work WHERE run_id = ?");
    }
}
