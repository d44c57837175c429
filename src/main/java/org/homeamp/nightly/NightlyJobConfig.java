package org.homeamp.nightly;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.RunGaps;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the {@code nightly} job (SPEC §11). It chains the steps of the single jobs (not the jobs
 * themselves), so a nightly run and a separate {@code run discovery} for the same date never block
 * each other, and a restart resumes at the step that failed. The mail step comes last, so a mail
 * server that is down fails only the mail and {@code homeamp restart} sends it without redoing the
 * report. A server that cannot be reached does not stop the night for the others: its work is
 * recorded as a gap ({@link RunGaps}), report and mail go out marked incomplete, and the last step
 * fails the run; {@code homeamp restart} then runs every step again for the missing servers only,
 * and the report and the mail once more. Old deployment backups are pruned after the mail (beside
 * the report step's pruning of old reports), so a pruning problem never holds back the night's mail.
 */
@Configuration
public class NightlyJobConfig {

    @Bean
    public Job nightlyJob(JobRepository repo, RunGaps runGaps, Step discoveryPlanStep, Step discoveryScanStep, Step discoveryFinishStep,
            Step driftPlanStep, Step driftScanStep, Step driftFinishStep,
            Step updatePlanStep, Step updateCheckStep, Step updateFinishStep,
            Step downloadPlanStep, Step downloadStageStep, Step downloadFinishStep,
            Step reportStep, Step mailStep, Step pruneBackupsStep, Step incompleteCheckStep) {
        return new JobBuilder(JobNames.NIGHTLY, repo)
                .listener(runGaps)
                .start(discoveryPlanStep).next(discoveryScanStep).next(discoveryFinishStep)
                .next(driftPlanStep).next(driftScanStep).next(driftFinishStep)
                .next(updatePlanStep).next(updateCheckStep).next(updateFinishStep)
                .next(downloadPlanStep).next(downloadStageStep).next(downloadFinishStep)
                .next(runGaps.redoable(reportStep)).next(runGaps.redoable(mailStep))
                .next(pruneBackupsStep)
                .next(incompleteCheckStep)
                .build();
    }
}
