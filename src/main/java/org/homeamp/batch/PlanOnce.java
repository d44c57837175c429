package org.homeamp.batch;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What a planning step plans in this attempt of a run. A run's work list is written once: a restart
 * that finds it still there keeps it, since resumed partitions count positions in it. A planning
 * step that runs again after its work list was finished (a restart completing {@link RunGaps})
 * plans only the servers whose gap for this step is open and whose earlier work is done now.
 *
 * <p>The servers planned are kept in the job's execution context ({@code <step>.servers}), so that
 * the step's writers and its finisher see the same set after a crash and restart.
 */
public final class PlanOnce {
    private static final Logger log = LoggerFactory.getLogger(PlanOnce.class);

    /** How this attempt plans. */
    public enum Mode {
        /** first plan of the run: every selected server whose earlier work is not missing */
        FIRST,
        /** the work list of an earlier attempt is kept as it is */
        KEPT,
        /** the work list was finished; plan the servers whose gap can be closed now */
        COMPLETE
    }

    /** The decision: mode and the servers to plan (empty with {@link Mode#KEPT}). */
    public record Plan(Mode mode, List<String> servers) {
        public boolean plans() {
            return mode != Mode.KEPT && !servers.isEmpty();
        }
    }

    private PlanOnce() {
    }

    /**
     * @param gapStep        this step's kind of work in {@code run_gap}
     * @param upstream       the kind of work a server needs done before this one (null: none)
     * @param plannedBefore  an earlier attempt of this run planned already
     * @param workPending    that attempt's work list is still there (its step did not finish)
     * @param selected       the servers of the run (the {@code --server} filter applied)
     */
    public static Plan decide(RunGaps gaps, StepExecution step, String gapStep, String upstream, boolean plannedBefore, boolean workPending,
            List<String> selected) {
        LocalDate date = JobParams.date(step.getJobParameters());
        if (plannedBefore && workPending) {
            log.info("{} plan: kept from the earlier attempt of this run", gapStep);
            return new Plan(Mode.KEPT, List.of());
        }
        Set<String> blocked = upstream == null ? Set.of() : gaps.openServers(date, upstream);
        List<String> servers = new ArrayList<>();
        Mode mode;
        if (!plannedBefore) {
            mode = Mode.FIRST;
            for (String s : selected) {
                if (blocked.contains(s)) {
                    gaps.record(date, s, gapStep, "not done because its " + upstream + " is missing (" + gaps.reason(date, s, upstream) + ")");
                } else {
                    servers.add(s);
                }
            }
        } else {
            mode = Mode.COMPLETE;
            Set<String> open = gaps.openServers(date, gapStep);
            selected.stream().filter(open::contains).filter(s -> !blocked.contains(s)).forEach(servers::add);
            log.info("{} plan: kept from the earlier attempt of this run; {}", gapStep,
                    servers.isEmpty() ? "nothing missing can be done now" : "planning the missing servers " + servers);
        }
        store(step, gapStep, servers);
        return new Plan(mode, List.copyOf(servers));
    }

    /** Keeps the servers this attempt planned (a planner that could not reach some stores fewer). */
    public static void store(StepExecution step, String gapStep, List<String> servers) {
        step.getJobExecution().getExecutionContext().putString(key(gapStep), String.join(",", servers));
    }

    /** The servers the run's latest plan of {@code gapStep} covered. */
    public static List<String> planned(ExecutionContext jobContext, String gapStep) {
        String s = jobContext.containsKey(key(gapStep)) ? jobContext.getString(key(gapStep)) : "";
        return s.isEmpty() ? List.of() : List.of(s.split(","));
    }

    /** For finishers: the servers planned by this attempt have done their work; their gaps close. */
    public static void resolvePlanned(RunGaps gaps, StepExecution step, String gapStep) {
        gaps.resolve(JobParams.date(step.getJobParameters()), planned(step.getJobExecution().getExecutionContext(), gapStep), gapStep);
    }

    private static String key(String gapStep) {
        return gapStep + ".servers";
    }
}
