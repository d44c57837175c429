package org.homeamp.batch;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Progress of a partitioned step: registered on the manager step (to know the total from the run's
 * work list) and on the worker step (to count written items across all partitions).
 */
public class PartitionProgress implements StepExecutionListener, ItemWriteListener<Object> {
    private final JdbcTemplate jdbc;
    private final String managerStep;
    private final String label;
    private final String unit;
    private final String totalSql;
    private volatile Progress progress;

    /**
     * @param totalSql counts the work items of a run; its one parameter is the job instance id
     */
    public PartitionProgress(JdbcTemplate jdbc, String managerStep, String label, String unit, String totalSql) {
        this.jdbc = jdbc;
        this.managerStep = managerStep;
        this.label = label;
        this.unit = unit;
        this.totalSql = totalSql;
    }

    @Override
    public void beforeStep(StepExecution step) {
        if (step.getStepName().equals(managerStep)) {
            Long total = jdbc.queryForObject(totalSql, Long.class, step.getJobExecution().getJobInstance().getInstanceId());
            progress = new Progress(label, unit, total == null ? 0 : total, Progress.onTerminal());
        }
    }

    @Override
    public void afterWrite(Chunk<?> items) {
        Progress p = progress;
        if (p != null) {
            p.advance(items.size());
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        Progress p = progress;
        if (p != null && step.getStepName().equals(managerStep)) {
            // partitions a worker ran (PartitionRouter) were written there: the aggregated count has them
            long remote = step.getWriteCount() - p.done();
            if (remote > 0) {
                p.advance(remote);
            }
            p.finish(step.getStatus().isUnsuccessful() ? "done before the step failed" : "done");
            progress = null;
        }
        return null;
    }
}
