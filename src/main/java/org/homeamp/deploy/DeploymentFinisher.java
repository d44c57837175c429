package org.homeamp.deploy;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Records the result of a deployment once every instance is done: COMPLETED, or COMPLETED_WITH_PROBLEMS
 * when a row was not applied; then tells the {@link DeploymentNotifier} (the deployment mail).
 */
final class DeploymentFinisher implements Tasklet {
    private final DeploymentStore store;
    private final DeploymentNotifier notifier;
    private final JarShipment shipment;

    DeploymentFinisher(DeploymentStore store, DeploymentNotifier notifier, JarShipment shipment) {
        this.store = store;
        this.notifier = notifier;
        this.shipment = shipment;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        String id = chunkContext.getStepContext().getStepExecution().getJobParameters().getString(DeployJobConfig.DEPLOYMENT);
        DeploySummary summary = DeploySummary.of(store, id);
        store.finish(id, summary.hasProblems() ? Deployment.COMPLETED_WITH_PROBLEMS : Deployment.COMPLETED);
        shipment.delete(id);
        notifier.finished(DeploySummary.of(store, id));
        return RepeatStatus.FINISHED;
    }
}
