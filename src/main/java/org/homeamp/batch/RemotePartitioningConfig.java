package org.homeamp.batch;

import javax.sql.DataSource;

import org.homeamp.config.HomeAmpSettings;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.config.annotation.EnableBatchIntegration;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilderFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.TaskExecutor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Remote partitioning, present only when the job repository is PostgreSQL
 * ({@code spring.datasource.url: jdbc:postgresql:...}); with H2 none of these beans exist and every
 * partition runs in the process, as always. The request queue is Spring Integration's JDBC channel
 * message store on the same database (table {@code INT_CHANNEL_MESSAGE}, migration V16), and the
 * steps are built by Spring Batch's remote partitioning factories ({@code @EnableBatchIntegration},
 * {@link RemoteSteps}).
 */
@Configuration
@Conditional(RemotePartitioningConfig.OnPostgres.class)
@EnableBatchIntegration
public class RemotePartitioningConfig {
    /** Set by {@code homeamp worker} for its context. */
    public static final String WORKER_PROCESS = "homeamp.worker-process";

    /**
     * Requests are plain Java-serialised Spring messages; only the classes such a message holds may be
     * read back, so a row someone else wrote into the table cannot make a worker build other objects.
     */
    @Bean
    public JdbcChannelMessageStore partitionRequestStore(DataSource dataSource) {
        JdbcChannelMessageStore store = new JdbcChannelMessageStore(dataSource);
        store.setChannelMessageStoreQueryProvider(new PostgresChannelMessageStoreQueryProvider());
        store.setRegion(RemotePartitions.REGION);
        store.addAllowedPatterns("org.springframework.messaging.support.GenericMessage", "org.springframework.messaging.MessageHeaders",
                "org.springframework.batch.integration.partition.StepExecutionRequest", "java.util.UUID", "java.util.HashMap", "java.lang.Long", "java.lang.Integer",
                "java.lang.Number", "java.lang.String");
        return store;
    }

    /** On the manager, partitions no worker serves run on the step's task executor; in {@code homeamp worker} on its loop. */
    @Bean
    public PartitionInputs partitionInputs(TaskExecutor partitionExecutor, JobRepository repository, ListableBeanFactory beans,
            @Value("${" + WORKER_PROCESS + ":false}") boolean workerProcess) {
        return new PartitionInputs(workerProcess ? null : partitionExecutor, repository, beans);
    }

    @Bean(destroyMethod = "close")
    public PartitionRouter partitionRouter(RemotePartitions remotePartitions, PartitionInputs partitionInputs, JobRepository repository) {
        return new PartitionRouter(remotePartitions, partitionInputs, repository);
    }

    @Bean
    public RemoteSteps remoteSteps(RemotePartitioningManagerStepBuilderFactory managers, RemotePartitioningWorkerStepBuilderFactory workers,
            PartitionRouter partitionRouter, PartitionInputs partitionInputs, RemotePartitions remotePartitions) {
        return new RemoteSteps(managers, workers, partitionRouter, partitionInputs, remotePartitions);
    }

    @Bean
    public WorkerHeartbeats workerHeartbeats(JdbcTemplate jdbc) {
        return new WorkerHeartbeats(jdbc);
    }

    @Bean
    public RemotePartitions remotePartitions(JdbcChannelMessageStore partitionRequestStore, WorkerHeartbeats workerHeartbeats,
            HomeAmpSettings settings) {
        return new RemotePartitions(partitionRequestStore, workerHeartbeats, settings);
    }

    /** True when the configured datasource is PostgreSQL. */
    public static class OnPostgres implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return isPostgres(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }

    public static boolean isPostgres(String jdbcUrl) {
        return org.homeamp.config.SqlDialect.isPostgres(jdbcUrl);
    }
}
