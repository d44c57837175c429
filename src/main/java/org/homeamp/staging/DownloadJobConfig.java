package org.homeamp.staging;

import java.time.Duration;

import okhttp3.OkHttpClient;
import org.homeamp.batch.JobNames;
import org.homeamp.batch.JobParams;
import org.homeamp.batch.Problems;
import org.homeamp.config.HomeAmpSettings;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wiring of the {@code download} job (SPEC §8): plan (one item per distinct file of the latest completed
 * check) → stage (one file per chunk, so a restart repeats at most the file in flight, and that one is
 * kept without a request when it was already verified into place) → finish ({@code updates.json} again).
 */
@Configuration
public class DownloadJobConfig {

    @Bean
    public Job downloadJob(JobRepository repo, Step downloadPlanStep, Step downloadStageStep, Step downloadFinishStep) {
        return new JobBuilder(JobNames.DOWNLOAD, repo).start(downloadPlanStep).next(downloadStageStep).next(downloadFinishStep).build();
    }

    @Bean
    public Step downloadPlanStep(JobRepository repo, PlatformTransactionManager tx, JdbcTemplate jdbc) {
        return new StepBuilder("downloadPlan", repo).tasklet(new DownloadPlanner(jdbc), tx).build();
    }

    @Bean
    public Step downloadStageStep(JobRepository repo, PlatformTransactionManager tx, DownloadWorkReader downloadWorkReader,
            ItemProcessor<DownloadWorkReader.Item, StagedFile> downloadProcessor, StagingWriter stagingWriter) {
        return new StepBuilder("downloadStage", repo)
                .<DownloadWorkReader.Item, StagedFile>chunk(1)
                .transactionManager(tx)
                .reader(downloadWorkReader)
                .processor(downloadProcessor)
                .writer(stagingWriter)
                .build();
    }

    @Bean
    public Step downloadFinishStep(JobRepository repo, PlatformTransactionManager tx, JdbcTemplate jdbc, HomeAmpSettings settings) {
        return new StepBuilder("downloadFinish", repo).tasklet(new DownloadFinisher(jdbc, settings), tx).build();
    }

    @Bean
    @StepScope
    public DownloadWorkReader downloadWorkReader(JdbcTemplate jdbc, @Value("#{stepExecution}") StepExecution step) {
        return new DownloadWorkReader(jdbc, step.getJobExecution().getJobInstance().getInstanceId());
    }

    @Bean
    public ItemProcessor<DownloadWorkReader.Item, StagedFile> downloadProcessor(JarDownloader jarDownloader) {
        return item -> new StagedFile(item, jarDownloader.stage(item.request()));
    }

    @Bean
    @StepScope
    public StagingWriter stagingWriter(JdbcTemplate jdbc, Problems problems, @Value("#{stepExecution}") StepExecution step) {
        return new StagingWriter(jdbc, problems, step.getJobExecution().getJobInstance().getInstanceId(), JobParams.date(step.getJobParameters()));
    }

    /**
     * The downloader. The size limit is the Spring property {@code homeamp.staging.max-bytes} (a JVM
     * system property, e.g. {@code JAVA_OPTS=-Dhomeamp.staging.max-bytes=536870912}).
     */
    @Bean
    public JarDownloader jarDownloader(HomeAmpSettings settings,
            @Value("${homeamp.staging.max-bytes:" + JarDownloader.DEFAULT_MAX_BYTES + "}") long maxBytes) {
        OkHttpClient client = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(15))
                .readTimeout(Duration.ofSeconds(60))
                .callTimeout(Duration.ofMinutes(10))
                .build();
        return new JarDownloader(client, settings.stateDir().resolve("staging"), maxBytes, settings.sources().userAgent());
    }
}
