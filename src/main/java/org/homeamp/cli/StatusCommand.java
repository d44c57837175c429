package org.homeamp.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.homeamp.batch.JobService;
import org.homeamp.batch.RunLock;
import org.homeamp.config.ConfigException;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.config.StateDatabase;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code homeamp status}: recent job executions as a table, read without Spring (see {@link ExecutionHistory}),
 * so it never starts the demo simulators or the job infrastructure.
 */
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
        HomeAmpSettings settings = Session.loadSettings(root.config);
        PrintWriter out = spec.commandLine().getOut();
        List<ExecutionHistory.ExecutionRow> executions = read(settings);
        if (executions.isEmpty()) {
            out.println("No job has run yet. Try: homeamp run nightly");
            return HomeAmpCli.OK;
        }
        boolean running = RunLock.isHeld(settings);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "JOB", "DATE", "STATUS", "START", "DURATION", "FAILED STEP", "EXIT MESSAGE"});
        boolean crashed = false;
        for (ExecutionHistory.ExecutionRow e : executions) {
            String status = e.status();
            String message;
            if (e.running()) {
                crashed |= !running;
                status = running ? status : "CRASHED";
                message = running ? ExecutionHistory.progress(e) : "";
            } else {
                message = e.status().equals("COMPLETED") ? firstLine(e.exitMessage()) : firstLine(ExecutionHistory.cause(e));
            }
            String failedStep = e.status().equals("COMPLETED") || e.running() && running ? ""
                    : e.failedStep().map(ExecutionHistory.StepRow::name).orElse("");
            rows.add(new String[] {String.valueOf(e.id()), e.job(), e.date(), status,
                    e.start() == null ? "-" : START.format(e.start()), JobService.formatDuration(e.duration()), failedStep,
                    message});
        }
        print(out, rows);
        if (crashed) {
            out.println();
            out.println("CRASHED: the process running it is gone (killed, power loss). Resume it with: homeamp restart");
        }
        return HomeAmpCli.OK;
    }

    /** Plain JDBC, no Spring and no simulators: answers at once, also while a job runs. */
    private List<ExecutionHistory.ExecutionRow> read(HomeAmpSettings settings) {
        boolean embedded = !settings.springProperties().containsKey("spring.datasource.url");
        if (embedded && !StateDatabase.h2Exists(settings.stateDir())) {
            return List.of();
        }
        StateDatabase.Credentials credentials = StateDatabase.credentials(settings);
        try (Connection c = StateDatabase.connect(credentials)) {
            return ExecutionHistory.hasTables(c) ? ExecutionHistory.recent(c, Math.max(1, limit)) : List.of();
        } catch (SQLException e) {
            throw new ConfigException("cannot read the job history from " + credentials.shownUrl() + ": " + e.getMessage()
                    + ". Fix: check spring.datasource.* in " + settings.configFile() + ", or that the state dir belongs to this user");
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
