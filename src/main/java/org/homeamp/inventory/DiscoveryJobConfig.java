package org.homeamp.inventory;

import java.time.LocalDate;

import org.homeamp.amp.AmpClients;
import org.homeamp.batch.JobNames;
import org.homeamp.batch.JobParams;
import org.homeamp.batch.Problems;
import org.homeamp.batch.PartitionProgress;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.files.InstanceFiles;
import org.homeamp.files.InstanceFilesFactory;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wiring of the {@code discovery} job (SPEC §6): plan (list instances and jars into a persisted work
 * list) → scan (partitioned by instance, chunked) → finish (mark what is gone, summary).
 */
@Configuration
public class DiscoveryJobConfig {
    static final int CHUNK = 25;

    @Bean
    public Job discoveryJob(JobRepository repo, Step discoveryPlanStep, Step discoveryScanStep, Step discoveryFinishStep) {
        return new JobBuilder(JobNames.DISCOVERY, repo)
                .start(discoveryPlanStep).next(discoveryScanStep).next(discoveryFinishStep)
                .build();
    }

    @Bean
    public Step discoveryPlanStep(JobRepository repo, PlatformTransactionManager tx, HomeAmpSettings settings, AmpClients ampClients,
            InstanceFilesFactory filesFactory, Problems problems, JdbcTemplate jdbc) {
        return new StepBuilder("discoveryPlan", repo)
                .tasklet(new DiscoveryPlanner(settings, ampClients, filesFactory, problems, jdbc, repo), tx)
                // runs again on a restart so that a server that was unreachable is listed now
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    public Step discoveryScanStep(JobRepository repo, Step discoveryScanInstanceStep, InstancePartitioner discoveryPartitioner,
            TaskExecutor partitionExecutor, PartitionProgress discoveryProgress) {
        return new StepBuilder("discoveryScan", repo)
                .partitioner("discoveryScanInstance", discoveryPartitioner)
                .step(discoveryScanInstanceStep)
                .taskExecutor(partitionExecutor)
                .listener(discoveryProgress)
                .build();
    }

    @Bean
    public Step discoveryScanInstanceStep(JobRepository repo, PlatformTransactionManager tx, WorkListReader discoveryWorkReader,
            JarProcessor discoveryJarProcessor, InventoryWriter discoveryInventoryWriter,
            PartitionProgress discoveryProgress) {
        return new StepBuilder("discoveryScanInstance", repo)
                .<WorkItem, InspectedJar>chunk(CHUNK)
                .transactionManager(tx)
                .reader(discoveryWorkReader)
                .processor(discoveryJarProcessor)
                .writer(discoveryInventoryWriter)
                .listener((ItemWriteListener<Object>) discoveryProgress)
                .build();
    }

    @Bean
    public Step discoveryFinishStep(JobRepository repo, PlatformTransactionManager tx, JdbcTemplate jdbc, HomeAmpSettings settings) {
        return new StepBuilder("discoveryFinish", repo).tasklet(new DiscoveryFinisher(jdbc, settings), tx).build();
    }

    @Bean
    @StepScope
    public InstancePartitioner discoveryPartitioner(JdbcTemplate jdbc, @Value("#{stepExecution}") StepExecution step) {
        return new InstancePartitioner(jdbc, step.getJobExecution().getJobInstance().getInstanceId());
    }

    @Bean
    @StepScope
    public WorkListReader discoveryWorkReader(JdbcTemplate jdbc, @Value("#{stepExecution}") StepExecution step) {
        var ctx = step.getExecutionContext();
        return new WorkListReader(jdbc, step.getJobExecution().getJobInstance().getInstanceId(),
                ctx.getString(InstancePartitioner.SERVER), ctx.getString(InstancePartitioner.INSTANCE),
                ctx.containsKey(InstancePartitioner.INSTANCE_ID) ? ctx.getString(InstancePartitioner.INSTANCE_ID) : null,
                ctx.containsKey(InstancePartitioner.UNREACHABLE) ? ctx.getString(InstancePartitioner.UNREACHABLE) : null);
    }

    @Bean
    @StepScope
    public JarProcessor discoveryJarProcessor(InstanceFilesFactory filesFactory, JarInspector jarInspector,
            @Value("#{stepExecution}") StepExecution step) {
        var ctx = step.getExecutionContext();
        InstanceFiles files = filesFactory.forInstance(ctx.getString(InstancePartitioner.SERVER), ctx.getString(InstancePartitioner.INSTANCE),
                ctx.containsKey(InstancePartitioner.INSTANCE_ID) ? ctx.getString(InstancePartitioner.INSTANCE_ID) : null);
        return new JarProcessor(jarInspector, files);
    }

    /** Inspects each jar of one instance; a jar that vanished since the plan is filtered out. */
    static class JarProcessor implements ItemProcessor<WorkItem, InspectedJar> {
        private final JarInspector inspector;
        private final InstanceFiles files;

        JarProcessor(JarInspector inspector, InstanceFiles files) {
            this.inspector = inspector;
            this.files = files;
        }

        @Override
        public InspectedJar process(WorkItem item) {
            return inspector.inspect(item, files);
        }
    }

    @Bean
    @StepScope
    public InventoryWriter discoveryInventoryWriter(JdbcTemplate jdbc, Problems problems, @Value("#{stepExecution}") StepExecution step) {
        LocalDate date = JobParams.date(step.getJobParameters());
        return new InventoryWriter(jdbc, problems, step.getJobExecution().getJobInstance().getInstanceId(), date);
    }

    /** Shared by all partitions, so that a jar seen on one instance is not opened again on the next. */
    @Bean
    public JarInspector jarInspector() {
        return new JarInspector();
    }

    @Bean
    public PartitionProgress discoveryProgress(JdbcTemplate jdbc) {
        return new PartitionProgress(jdbc, "discoveryScan", "discovery scan", "jars",
                "SELECT COUNT(*) FROM discovery_work WHERE run_id = ?");
    }
}
