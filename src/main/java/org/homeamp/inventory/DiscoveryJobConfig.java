package org.homeamp.inventory;

import java.time.LocalDate;
import java.util.Map;

import javax.sql.DataSource;

import org.homeamp.amp.AmpClients;
import org.homeamp.batch.JobNames;
import org.homeamp.batch.PartitionProgress;
import org.homeamp.batch.Problems;
import org.homeamp.batch.RemoteSteps;
import org.homeamp.batch.RunGaps;
import org.homeamp.batch.WorkListPartitioner;
import org.homeamp.batch.WorkLists;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.files.InstanceFiles;
import org.homeamp.files.InstanceFilesFactory;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wiring of the {@code discovery} job (SPEC §6): plan (list instances and jars into a persisted work
 * list) → scan (partitioned by instance, chunked) → finish (mark what is gone, summary) → the
 * incomplete-run check (fails the run while a server could not be listed).
 */
@Configuration
public class DiscoveryJobConfig {
    static final int CHUNK = 25;

    @Bean
    public Job discoveryJob(JobRepository repo, RunGaps runGaps, Step discoveryPlanStep, Step discoveryScanStep, Step discoveryFinishStep,
            Step incompleteCheckStep) {
        return new JobBuilder(JobNames.DISCOVERY, repo)
                .listener(runGaps)
                .start(discoveryPlanStep).next(discoveryScanStep).next(discoveryFinishStep).next(incompleteCheckStep)
                .build();
    }

    @Bean
    public Step discoveryPlanStep(JobRepository repo, PlatformTransactionManager tx, HomeAmpSettings settings, AmpClients ampClients,
            InstanceFilesFactory filesFactory, Problems problems, JdbcTemplate jdbc, RunGaps runGaps) {
        return new StepBuilder("discoveryPlan", repo)
                .tasklet(new DiscoveryPlanner(settings, ampClients, filesFactory, problems, jdbc, repo, runGaps), tx)
                // runs again on a restart so that a server that was unreachable is listed now
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    public Step discoveryScanStep(JobRepository repo, RunGaps runGaps, Step discoveryScanInstanceStep, WorkListPartitioner discoveryPartitioner,
            TaskExecutor partitionExecutor, PartitionProgress discoveryProgress, ObjectProvider<RemoteSteps> remoteSteps) {
        return runGaps.redoable(WorkLists.partitioned("discoveryScan", repo, discoveryScanInstanceStep, discoveryPartitioner, partitionExecutor,
                discoveryProgress, remoteSteps.getIfAvailable(), "discovery scan"));
    }

    @Bean
    public Step discoveryScanInstanceStep(JobRepository repo, PlatformTransactionManager tx, JdbcPagingItemReader<WorkItem> discoveryWorkReader,
            JarProcessor discoveryJarProcessor, InventoryWriter discoveryInventoryWriter, PartitionProgress discoveryProgress, ObjectProvider<RemoteSteps> remoteSteps) {
        return WorkLists.worker("discoveryScanInstance", repo, tx, CHUNK, discoveryWorkReader, discoveryJarProcessor, discoveryInventoryWriter,
                discoveryProgress, remoteSteps.getIfAvailable());
    }

    @Bean
    public Step discoveryFinishStep(JobRepository repo, PlatformTransactionManager tx, JdbcTemplate jdbc, HomeAmpSettings settings, RunGaps runGaps) {
        return runGaps.redoable(new StepBuilder("discoveryFinish", repo).tasklet(new DiscoveryFinisher(jdbc, settings, runGaps), tx).build());
    }

    /** One partition per listed instance of the run ({@code server/instance}). */
    @Bean
    @StepScope
    public WorkListPartitioner discoveryPartitioner(JdbcTemplate jdbc, @Value("#{jobInstanceId}") long runId) {
        return new WorkListPartitioner(jdbc, """
                SELECT server || '/' || instance_name, server, instance_name, instance_id FROM discovery_target
                 WHERE run_id = ? AND skipped = FALSE AND instance_name <> '' ORDER BY server, instance_name""", runId,
                "server", "instance", "instanceId");
    }

    /** One instance's jars in file-name order. */
    @Bean
    @StepScope
    public JdbcPagingItemReader<WorkItem> discoveryWorkReader(DataSource dataSource, @Value("#{jobInstanceId}") long runId,
            @Value("#{stepExecutionContext['server']}") String server, @Value("#{stepExecutionContext['instance']}") String instance,
            @Value("#{stepExecutionContext['instanceId']}") String instanceId) {
        return WorkLists.reader("workList", dataSource, "file_name, size_bytes", "discovery_work",
                "run_id = :runId AND server = :server AND instance_name = :instance", "file_name",
                Map.of("runId", runId, "server", server, "instance", instance), CHUNK,
                (rs, i) -> new WorkItem(server, instance, instanceId, rs.getString("file_name"), rs.getLong("size_bytes")));
    }

    @Bean
    @StepScope
    public JarProcessor discoveryJarProcessor(InstanceFilesFactory filesFactory, JarInspector jarInspector,
            @Value("#{stepExecutionContext['server']}") String server, @Value("#{stepExecutionContext['instance']}") String instance,
            @Value("#{stepExecutionContext['instanceId']}") String instanceId) {
        return new JarProcessor(jarInspector, filesFactory.forInstance(server, instance, instanceId));
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
    public InventoryWriter discoveryInventoryWriter(JdbcTemplate jdbc, Problems problems, @Value("#{jobInstanceId}") long runId,
            @Value("#{jobParameters['date']}") LocalDate date) {
        return new InventoryWriter(jdbc, problems, runId, date);
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
