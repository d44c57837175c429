package org.homeamp.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.homeamp.batch.JobParams;
import org.homeamp.batch.PartitionRouter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where the servers of a date's discovery and drift scan were read (SPEC §11, D-W2): the routing line
 * that {@link PartitionRouter} keeps in the manager step's execution context under
 * {@value PartitionRouter#ROUTING_KEY}, read back from the Spring Batch tables. Per manager
 * step the newest execution of the date counts (a restart that redid the step routes anew; a step
 * completed before the restart keeps its first routing). H2 setups have no workers and so no entry:
 * the list is empty.
 */
public final class ServerRouting {
    /** Manager steps whose partitions may go to workers, with how the report names them. */
    static final Map<String, String> STEPS = Map.of("discoveryScan", "discovery scan", "driftScan", "drift scan");

    private final JdbcTemplate jdbc;
    private final JobRepository repository;

    public ServerRouting(JdbcTemplate jdbc, JobRepository repository) {
        this.jdbc = jdbc;
        this.repository = repository;
    }

    /** One server's routing in one step, e.g. {@code ovh}, {@code fell back to amp-api: no live worker}. */
    public record Line(String server, String text) {
    }

    /** The routing of one manager step. */
    public record StepRouting(String step, List<Line> servers) {
    }

    /** The routing of the date's discovery scan and drift scan, in that order; steps without an entry are left out. */
    public List<StepRouting> of(LocalDate date) {
        Map<String, Long> newest = new LinkedHashMap<>();
        jdbc.query("""
                SELECT s.STEP_NAME, MAX(s.STEP_EXECUTION_ID) FROM BATCH_STEP_EXECUTION s
                  JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID
                 WHERE p.PARAMETER_NAME = ? AND p.PARAMETER_VALUE = ? AND s.STEP_NAME IN ('discoveryScan', 'driftScan')
                 GROUP BY s.STEP_NAME""", rs -> {
            newest.put(rs.getString(1), rs.getLong(2));
        }, JobParams.DATE, date.toString());
        List<StepRouting> out = new ArrayList<>();
        for (String step : List.of("discoveryScan", "driftScan")) {
            Long id = newest.get(step);
            StepExecution execution = id == null ? null : repository.getStepExecution(id);
            if (execution == null || !execution.getExecutionContext().containsKey(PartitionRouter.ROUTING_KEY)) {
                continue;
            }
            List<Line> lines = lines(execution.getExecutionContext().getString(PartitionRouter.ROUTING_KEY));
            if (!lines.isEmpty()) {
                out.add(new StepRouting(STEPS.get(step), lines));
            }
        }
        return out;
    }

    /** Splits the stored line ({@code server: text; server: text}) per server. */
    static List<Line> lines(String routing) {
        List<Line> lines = new ArrayList<>();
        for (String part : routing.split("; ")) {
            if (part.isBlank()) {
                continue;
            }
            int colon = part.indexOf(": ");
            lines.add(colon < 0 ? new Line("", part.strip()) : new Line(part.substring(0, colon), part.substring(colon + 2).strip()));
        }
        return lines;
    }
}
