package org.homeamp.staging;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import javax.sql.DataSource;

import okhttp3.OkHttpClient;
import org.homeamp.batch.JobNames;
import org.homeamp.batch.Problems;
import org.homeamp.batch.RunGaps;
import org.homeamp.batch.WorkLists;
import org.homeamp.config.HomeAmpSettings;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wiring of the {@code download} job (SPEC §8): plan (one item per distinct file of the latest completed
 * check) → stage ({@code parallelism} files per chunk, fetched at once, per-host limits in
 * {@link JarDownloader}; a restart repeats at most the chunk in flight, and its files already verified
 * into place are kept without a request, D-C9) → finish ({@code updates.json} again) → the
 * incomplete-run check.
 */
@Configuration
public class DownloadJobConfig {

    @Bean
    public Job downloadJob(JobRepository repo, RunGaps runGaps, Step downloadPlanStep, Step downloadStageStep, Step downloadFinishStep,
            Step incompleteCheckStep) {
        return new JobBuilder(JobNames.DOWNLOAD, repo).listener(runGaps)
                .start(downloadPlanStep).next(downloadStageStep).next(downloadFinishStep).next(incompleteCheckStep).build();
    }

    @Bean
    public Step downloadPlanStep(JobRepository repo, PlatformTransactionManager tx, JdbcTemplate jdbc, HomeAmpSettings settings, RunGaps runGaps) {
        return runGaps.redoable(new StepBuilder("downloadPlan", repo).tasklet(new DownloadPlanner(jdbc, settings, runGaps), tx).build());
    }

    @Bean
    public Step downloadStageStep(JobRepository repo, PlatformTransactionManager tx, RunGaps runGaps, HomeAmpSettings settings,
            JdbcPagingItemReader<DownloadWorkReader.Item> downloadWorkReader, ItemProcessor<DownloadWorkReader.Item, StagedFile> downloadProcessor,
            StagingWriter stagingWriter) {
        int files = filesAtOnce(settings);
        var step = new StepBuilder("downloadStage", repo)
                .<DownloadWorkReader.Item, StagedFile>chunk(files)
                .transactionManager(tx)
                .reader(downloadWorkReader)
                .processor(downloadProcessor)
                .writer(stagingWriter);
        if (files > 1) {
            // the items of a chunk are processed (downloaded) on these threads, read and written on the step's own
            SimpleAsyncTaskExecutor downloads = new SimpleAsyncTaskExecutor("download-");
            downloads.setConcurrencyLimit(files);
            step.taskExecutor(downloads);
        }
        return runGaps.redoable(step.build());
    }

    /** Files fetched at once, and so per chunk: the configured {@code parallelism}. */
    static int filesAtOnce(HomeAmpSettings settings) {
        return Math.max(1, settings.parallelism());
    }

    @Bean
    public Step downloadFinishStep(JobRepository repo, PlatformTransactionManager tx, JdbcTemplate jdbc, HomeAmpSettings settings, RunGaps runGaps) {
        return runGaps.redoable(new StepBuilder("downloadFinish", repo).tasklet(new DownloadFinisher(jdbc, settings, runGaps), tx).build());
    }

    /** The run's files to stage in work-list order. */
    @Bean
    @StepScope
    public JdbcPagingItemReader<DownloadWorkReader.Item> downloadWorkReader(DataSource dataSource, HomeAmpSettings settings,
            @Value("#{jobInstanceId}") long runId) {
        return WorkLists.reader("downloadWork", dataSource, DownloadWorkReader.COLUMNS, "download_work", "run_id = :runId", "seq",
                Map.of("runId", runId), filesAtOnce(settings), DownloadWorkReader.ROWS);
    }

    @Bean
    public ItemProcessor<DownloadWorkReader.Item, StagedFile> downloadProcessor(JarDownloader jarDownloader) {
        return item -> new StagedFile(item, jarDownloader.stage(item.request()));
    }

    @Bean
    @StepScope
    public StagingWriter stagingWriter(JdbcTemplate jdbc, Problems problems, @Value("#{jobInstanceId}") long runId,
            @Value("#{jobParameters['date']}") LocalDate date) {
        return new StagingWriter(jdbc, problems, runId, date);
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
