package org.homeamp.batch;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilderFactory;

/**
 * Builds the partitioned steps of discovery and drift-scan with Spring Batch remote partitioning when
 * the job repository is PostgreSQL (SPEC §11, D-W1): the manager step with
 * {@link RemotePartitioningManagerStepBuilderFactory} (requests out through {@link PartitionRouter},
 * results by polling the job repository every {@code worker.poll-interval}), the partition step with
 * {@link RemotePartitioningWorkerStepBuilderFactory} (listening on {@link PartitionInputs}), on the
 * manager and in every {@code homeamp worker} alike.
 */
public class RemoteSteps {
    private final RemotePartitioningManagerStepBuilderFactory managers;
    private final RemotePartitioningWorkerStepBuilderFactory workers;
    private final PartitionRouter router;
    private final PartitionInputs inputs;
    private final RemotePartitions remote;

    public RemoteSteps(RemotePartitioningManagerStepBuilderFactory managers, RemotePartitioningWorkerStepBuilderFactory workers,
            PartitionRouter router, PartitionInputs inputs, RemotePartitions remote) {
        this.managers = managers;
        this.workers = workers;
        this.router = router;
        this.inputs = inputs;
        this.remote = remote;
    }

    /**
     * Runs the partitions of {@code workerStep} that stay on the manager on {@code executor} instead of the
     * shared partition executor (deploy: {@code deploy.parallel} at a time); no effect in a worker.
     */
    public void runHereOn(String workerStep, org.springframework.core.task.TaskExecutor executor) {
        inputs.useExecutor(workerStep, executor);
    }

    /** The builder of a partition step: the step runs whatever request reaches its input channel in this process. */
    public StepBuilder workerStep(String name) {
        return workers.get(name).inputChannel(inputs.input(name)).outputChannel(inputs.results()).stepLocator(inputs.locator());
    }

    /**
     * The manager step. No overall timeout: the router's watch fails the partitions of a worker that
     * stops beating or outlasts {@code worker.partition-timeout}; those run here are not timed, as without workers.
     */
    public Step managerStep(String name, Step worker, Partitioner partitioner, StepExecutionSplitter splitter, StepExecutionListener progress,
            String label) {
        return managerStep(name, worker, partitioner, splitter, progress, label, null);
    }

    /** As above, with a {@link PartitionPlacement} that pins partitions to the state dir holding their files (deploy and rollback). */
    public Step managerStep(String name, Step worker, Partitioner partitioner, StepExecutionSplitter splitter, StepExecutionListener progress,
            String label, PartitionPlacement placement) {
        return managers.get(name)
                .partitioner(worker.getName(), partitioner)
                .splitter(splitter)
                .outputChannel(router.channel())
                .pollInterval(remote.timings().pollInterval().toMillis())
                .listener(progress)
                .listener(router.listener(worker.getName(), label, placement))
                .build();
    }
}
