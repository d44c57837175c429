package org.homeamp.batch;

import org.homeamp.config.HomeAmpSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** Plumbing shared by the jobs. */
@Configuration
public class BatchInfrastructure {

    /** Runs the instance partitions of every partitioned step, {@code parallelism} at a time. */
    @Bean
    public TaskExecutor partitionExecutor(HomeAmpSettings settings) {
        ThreadPoolTaskExecutor ex = new ThreadPoolTaskExecutor();
        ex.setCorePoolSize(settings.parallelism());
        ex.setMaxPoolSize(settings.parallelism());
        ex.setThreadNamePrefix("partition-");
        ex.initialize();
        return ex;
    }
}
