package org.homeamp.batch;

import org.homeamp.config.HomeAmpSettings;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

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

    /** The last step of every job that can leave gaps: fails the run while one is open ({@link IncompleteRunCheck}). */
    @Bean
    public Step incompleteCheckStep(JobRepository repo, PlatformTransactionManager tx, RunGaps runGaps) {
        return new StepBuilder(IncompleteRunCheck.STEP, repo).tasklet(new IncompleteRunCheck(runGaps), tx).allowStartIfComplete(true).build();
    }
}
