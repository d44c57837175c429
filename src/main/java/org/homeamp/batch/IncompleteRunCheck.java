package org.homeamp.batch;

import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Last step of every job that can leave {@link RunGaps}: while a gap of the run's date is open the
 * step fails, so the run ends FAILED (exit 1, restartable) after everything else, including the
 * report and the mail, was done for the other servers.
 */
public final class IncompleteRunCheck implements Tasklet {
    /** The step's name in every job. */
    public static final String STEP = "incompleteCheck";
    private static final Logger log = LoggerFactory.getLogger(IncompleteRunCheck.class);

    private final RunGaps gaps;

    public IncompleteRunCheck(RunGaps gaps) {
        this.gaps = gaps;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        LocalDate date = JobParams.date(chunkContext.getStepContext().getStepExecution().getJobParameters());
        List<RunGaps.Gap> open = gaps.open(date);
        if (open.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        // the first line names every missing server and why: status and the log show just that line
        java.util.Map<String, java.util.List<String>> stepsByReason = new java.util.LinkedHashMap<>();
        for (RunGaps.Gap g : open) {
            String reason = g.reason().startsWith("server " + g.server()) ? g.reason() : "server " + g.server() + ": " + g.reason();
            stepsByReason.computeIfAbsent(reason, r -> new java.util.ArrayList<>()).add(g.step());
        }
        StringBuilder msg = new StringBuilder("the run for " + date + " is incomplete: ");
        msg.append(String.join("; ", stepsByReason.entrySet().stream()
                .map(e -> e.getKey() + " (missing: " + String.join(", ", e.getValue()) + ")").toList()));
        msg.append("\n  What the other servers needed is done.");
        msg.append("\n  Once the server can be reached again, the restart does only the missing work and mails the completed report");
        log.error("{}", msg);
        throw new IncompleteRunException(msg.toString());
    }

    /** The run left work undone for at least one server. */
    public static final class IncompleteRunException extends RuntimeException {
        IncompleteRunException(String message) {
            super(message);
        }
    }
}
