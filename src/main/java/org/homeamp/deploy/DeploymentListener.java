package org.homeamp.deploy;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/** Keeps the deployment record in step with its job: RUNNING while it runs, FAILED when the job failed (restartable). */
@Component
class DeploymentListener implements JobExecutionListener {
    private final DeploymentStore store;

    DeploymentListener(DeploymentStore store) {
        this.store = store;
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        store.markRunning(jobExecution.getJobParameters().getString(DeployJobConfig.DEPLOYMENT));
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        if (jobExecution.getStatus() != BatchStatus.COMPLETED) {
            store.finish(jobExecution.getJobParameters().getString(DeployJobConfig.DEPLOYMENT), Deployment.FAILED);
        }
    }
}
