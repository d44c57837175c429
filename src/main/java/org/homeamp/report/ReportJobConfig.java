package org.homeamp.report;

import java.time.Clock;

import org.homeamp.approval.ApprovalWorkbookWriter;
import org.homeamp.approval.JdbcPlanStore;
import org.homeamp.approval.PlanSigner;
import org.homeamp.batch.JobNames;
import org.homeamp.config.HomeAmpSettings;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wiring of the {@code report} job (SPEC §9, §11): one tasklet step, {@code report}, that nightly
 * also runs after the scans.
 */
@Configuration
public class ReportJobConfig {

    @Bean
    public Job reportJob(JobRepository repo, Step reportStep) {
        return new JobBuilder(JobNames.REPORT, repo).start(reportStep).build();
    }

    @Bean
    public Step reportStep(JobRepository repo, PlatformTransactionManager tx, ReportWriter reportWriter) {
        return new StepBuilder("report", repo).tasklet(reportWriter, tx).build();
    }

    @Bean
    public ReportWriter reportWriter(HomeAmpSettings settings, ReportQueries reportQueries, ReportTemplates reportTemplates,
            ObjectProvider<PlanSigner> planSigner, ObjectProvider<JdbcPlanStore> planStore, ReportRootPages reportRootPages,
            @Value("${homeamp.report.split-bytes:" + ReportWriter.DEFAULT_SPLIT_BYTES + "}") long splitBytes) {
        return new ReportWriter(settings, reportQueries, reportTemplates, () -> new ApprovalWorkbookWriter(planSigner.getObject(), settings.timeZone()),
                planStore::getObject, reportRootPages, Clock.systemUTC(), splitBytes);
    }

    /** The list of runs and the deployment pages; deploy and rollback call it when they end. */
    @Bean
    public ReportRootPages reportRootPages(HomeAmpSettings settings, ReportTemplates reportTemplates, ReportQueries reportQueries, JdbcTemplate jdbc) {
        return new ReportRootPages(settings, reportTemplates, new DeploymentRecords(jdbc, settings.timeZone()), reportQueries.gaps(),
                Clock.systemUTC());
    }

    @Bean
    public ReportQueries reportQueries(JdbcTemplate jdbc, JobRepository repo) {
        return new ReportQueries(jdbc, new UpdateResults(jdbc), repo);
    }

    @Bean
    public ReportTemplates reportTemplates(HomeAmpSettings settings) {
        return new ReportTemplates(settings);
    }

    /** Lazy: the signing key is created in the state dir on first use, not by every command that opens a context. */
    @Bean
    @Lazy
    public PlanSigner planSigner(HomeAmpSettings settings) {
        return PlanSigner.forStateDir(settings.stateDir());
    }

    @Bean
    @Lazy
    public JdbcPlanStore planStore(JdbcTemplate jdbc, PlanSigner planSigner) {
        return new JdbcPlanStore(jdbc, planSigner);
    }
}
