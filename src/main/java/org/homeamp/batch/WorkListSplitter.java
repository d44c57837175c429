package org.homeamp.batch;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits a partitioned step into its partitions' step executions, like Spring Batch's own splitter,
 * except for where a restarted partition's context comes from. Spring Batch stores a partition's
 * step execution and then, in a second transaction, its context; a kill between the two leaves a
 * partition whose stored context is empty, and every restart would copy that empty context again
 * (the date is wedged for good). Here the partitioner runs on every attempt (it reads the run's
 * persisted work list), and a restarted partition gets the partitioner's keys over what its last
 * attempt stored (the readers' positions): a half-stored partition simply starts from the top.
 * Completed partitions are not run again.
 */
public final class WorkListSplitter implements StepExecutionSplitter {
    private final JobRepository repository;
    private final String stepName;
    private final Partitioner partitioner;

    public WorkListSplitter(JobRepository repository, String stepName, Partitioner partitioner) {
        this.repository = repository;
        this.stepName = stepName;
        this.partitioner = partitioner;
    }

    @Override
    public String getStepName() {
        return stepName;
    }

    @Override
    public Set<StepExecution> split(StepExecution manager, int gridSize) throws JobExecutionException {
        JobExecution job = manager.getJobExecution();
        Set<StepExecution> out = new LinkedHashSet<>();
        for (Map.Entry<String, ExecutionContext> partition : partitioner.partition(gridSize).entrySet()) {
            String name = stepName + ":" + partition.getKey();
            StepExecution last = repository.getLastStepExecution(job.getJobInstance(), name);
            ExecutionContext context = new ExecutionContext();
            if (last != null) {
                BatchStatus status = last.getStatus();
                if (status == BatchStatus.COMPLETED) {
                    continue;
                }
                if (status != BatchStatus.FAILED && status != BatchStatus.STOPPED) {
                    throw new JobExecutionException("partition " + name + " of execution " + last.getJobExecutionId() + " is " + status
                            + " and cannot be resumed. Fix: run 'homeamp restart' (it marks a crashed run FAILED first)");
                }
                context = new ExecutionContext(last.getExecutionContext());
            }
            // the partition's identity always comes from the work list
            for (Map.Entry<String, Object> e : partition.getValue().entrySet()) {
                context.put(e.getKey(), e.getValue());
            }
            StepExecution execution = repository.createStepExecution(name, job);
            execution.setExecutionContext(context);
            repository.updateExecutionContext(execution);
            out.add(execution);
        }
        return out;
    }
}
