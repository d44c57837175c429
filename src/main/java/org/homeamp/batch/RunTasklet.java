package org.homeamp.batch;

import java.time.LocalDate;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** A tasklet step of a run (plan, finish): gets its step execution, the run id (job instance id) and the business date. */
public abstract class RunTasklet implements Tasklet {

    @Override
    public final RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        return run(step, step.getJobExecution().getJobInstance().getInstanceId(), JobParams.date(step.getJobParameters()));
    }

    /** The step's work; {@code runId} keys the run's rows, {@code date} is its business date. */
    protected abstract RepeatStatus run(StepExecution step, long runId, LocalDate date);
}
