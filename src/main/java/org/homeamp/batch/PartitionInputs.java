package org.homeamp.batch;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepLocator;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.task.TaskExecutor;
import org.springframework.integration.channel.AbstractSubscribableChannel;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.channel.ExecutorChannel;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * Where a process runs the partition requests it takes (PostgreSQL only, D-W1): one input channel per
 * partition step, which the worker step built by {@code RemotePartitioningWorkerStepBuilderFactory}
 * listens on through Spring Batch's {@code StepExecutionRequestHandler}. On the manager the channels
 * hand each request to the step's task executor (the partitions of servers no worker serves, run
 * here {@code parallelism} at a time); in {@code homeamp worker} they run it on the worker's loop
 * threads, one per loop. Also the handler's step locator (by step name, remembering which step
 * executions run now, for the worker's graceful stop) and its output: a partition whose step threw
 * before it could record its end is recorded here, so the polling manager does not wait for it.
 */
public class PartitionInputs {
    private static final Logger log = LoggerFactory.getLogger(PartitionInputs.class);

    private final Map<String, AbstractSubscribableChannel> inputs = new ConcurrentHashMap<>();
    private final DirectChannel results = new DirectChannel();
    private final Map<Long, StepExecution> running = new ConcurrentHashMap<>();
    private final TaskExecutor executor;
    private final Map<String, TaskExecutor> executors = new ConcurrentHashMap<>();
    private final JobRepository repository;
    private final ListableBeanFactory beans;

    /** @param executor the task executor partitions run on, or {@code null} to run them on the sender's thread (a worker) */
    public PartitionInputs(TaskExecutor executor, JobRepository repository, ListableBeanFactory beans) {
        this.executor = executor;
        this.repository = repository;
        this.beans = beans;
        results.subscribe(this::recordEnd);
    }

    /** The channel whose requests run the partitions of {@code workerStep} in this process. */
    public MessageChannel input(String workerStep) {
        return inputs.computeIfAbsent(workerStep, s -> executor == null ? new DirectChannel() : new ExecutorChannel(executors.getOrDefault(s, executor)));
    }

    /** On the manager, the partitions of {@code workerStep} run on {@code stepExecutor}; call before the step is built. */
    void useExecutor(String workerStep, TaskExecutor stepExecutor) {
        if (executor != null) {
            if (inputs.containsKey(workerStep)) {
                throw new IllegalStateException("the input channel of " + workerStep + " exists already");
            }
            executors.put(workerStep, stepExecutor);
        }
    }

    public MessageChannel results() {
        return results;
    }

    /** The partition step executions running in this process now. */
    public Collection<StepExecution> running() {
        return List.copyOf(running.values());
    }

    /** Finds a partition step by its step name (the bean names differ), and notes what it runs while it runs. */
    public StepLocator locator() {
        return stepName -> {
            for (Step s : beans.getBeansOfType(Step.class).values()) {
                if (s.getName().equals(stepName)) {
                    return new Tracked(s);
                }
            }
            return null;
        };
    }

    /**
     * {@code StepExecutionRequestHandler} returns the step execution; when the step threw before it
     * could save its end (spring-batch#4006), the repository still says it runs and the manager would
     * wait for it: save the end here.
     */
    private void recordEnd(Message<?> message) {
        if (!(message.getPayload() instanceof StepExecution ended) || ended.getStatus().isRunning()) {
            return;
        }
        StepExecution stored = repository.getStepExecution(ended.getId());
        if (stored == null || !stored.getStatus().isRunning()) {
            return;
        }
        String why = ended.getFailureExceptions().stream().map(JobService::describe).findFirst().orElse("ended without saving its status");
        log.error("{} ended with an error before it saved its end: {}", stored.getStepName(), why);
        stored.setStatus(ended.getStatus());
        stored.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
        stored.setEndTime(LocalDateTime.now());
        repository.update(stored);
    }

    private final class Tracked implements Step {
        private final Step step;

        Tracked(Step step) {
            this.step = step;
        }

        @Override
        public String getName() {
            return step.getName();
        }

        @Override
        public boolean isAllowStartIfComplete() {
            return step.isAllowStartIfComplete();
        }

        @Override
        public int getStartLimit() {
            return step.getStartLimit();
        }

        @Override
        public void execute(StepExecution execution) throws JobInterruptedException {
            running.put(execution.getId(), execution);
            try {
                step.execute(execution);
            } finally {
                running.remove(execution.getId());
            }
        }
    }
}
