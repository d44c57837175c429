package org.homeamp.deploy;

import org.homeamp.report.ReportRootPages;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the deployment record in step with its job: RUNNING while it runs, FAILED when the job failed
 * (restartable). When the job ends, however it ended, the report's deployment pages are rewritten,
 * so the operator can read the result without waiting for the night.
 */
@Component
class DeploymentListener implements JobExecutionListener {
    private final DeploymentStore store;
    private final ReportRootPages reportPages;

    DeploymentListener(DeploymentStore store, ReportRootPages reportPages) {
        this.store = store;
        this.reportPages = reportPages;
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        store.markRunning(jobExecution.getJobParameters().getString(DeployJobConfig.DEPLOYMENT));
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        String id = jobExecution.getJobParameters().getString(DeployJobConfig.DEPLOYMENT);
        if (jobExecution.getStatus() != BatchStatus.COMPLETED) {
            store.finish(id, Deployment.FAILED);
        }
        reportPages.afterDeployment(id);
    }
}
