package org.homeamp.batch;

import javax.sql.DataSource;

import org.homeamp.config.HomeAmpSettings;
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
 * message store on the same database (table {@code INT_CHANNEL_MESSAGE}, migration V16).
 */
@Configuration
@Conditional(RemotePartitioningConfig.OnPostgres.class)
public class RemotePartitioningConfig {

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
                "org.springframework.batch.integration.partition.StepExecutionRequest", "java.util.UUID", "java.util.HashMap", "java.lang.Long",
                "java.lang.Number", "java.lang.String");
        return store;
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
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
    }
}
