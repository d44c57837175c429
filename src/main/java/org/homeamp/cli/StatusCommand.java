package org.homeamp.cli;

import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.homeamp.batch.JobParams;
import org.homeamp.batch.JobService;
import org.homeamp.batch.RunLock;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code homeamp status}: recent job executions as a table. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Lists recent job executions, newest first.")
public class StatusCommand implements Callable<Integer> {
    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @ParentCommand
    RootCommand root;

    @Option(names = "--limit", paramLabel = "N", description = "How many executions to show (default ${DEFAULT-VALUE}).")
    int limit = 20;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Session session = Session.open(root.config)) {
            boolean running = RunLock.isHeld(session.settings().stateDir());
            List<JobExecution> executions = session.bean(JobService.class).recentExecutions(Math.max(1, limit));
            PrintWriter out = spec.commandLine().getOut();
            if (executions.isEmpty()) {
                out.println("No job has run yet. Try: homeamp run nightly");
                return HomeAmpCli.OK;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "JOB", "DATE", "STATUS", "START", "DURATION", "FAILED STEP", "EXIT MESSAGE"});
            for (JobExecution e : executions) {
                String status = e.getStatus().name();
                if (e.getStatus().isRunning() && !running) {
                    status = "CRASHED";
                }
                rows.add(new String[] {String.valueOf(e.getId()), e.getJobInstance().getJobName(),
                        String.valueOf(JobParams.date(e.getJobParameters())), status,
                        e.getStartTime() == null ? "-" : START.format(e.getStartTime()),
                        JobService.formatDuration(JobService.duration(e)),
                        e.getStatus() == BatchStatus.COMPLETED ? "" : JobService.failedStep(e).map(s -> s.getStepName()).orElse(""),
                        firstLine(e.getExitStatus().getExitDescription())});
            }
            print(out, rows);
            if (executions.stream().anyMatch(e -> e.getStatus().isRunning()) && !running) {
                out.println();
                out.println("CRASHED: the process running it is gone (killed, power loss). Resume it with: homeamp restart");
            }
            return HomeAmpCli.OK;
        }
    }

    private static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return "";
        }
        String line = s.lines().findFirst().orElse("");
        return line.length() > 100 ? line.substring(0, 99) + "…" : line;
    }

    private static void print(PrintWriter out, List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                b.append(i == cols - 1 ? r[i] : String.format("%-" + (width[i] + 2) + "s", r[i]));
            }
            out.println(b.toString().stripTrailing());
        }
    }
}
