package org.homeamp.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.homeamp.batch.JobService;
import org.homeamp.batch.RemotePartitions;
import org.homeamp.batch.RunLock;
import org.homeamp.batch.WorkerHeartbeats;
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
            printWorkers(settings, out);
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
        printWorkers(settings, out);
        return HomeAmpCli.OK;
    }

    /**
     * With PostgreSQL, the {@code homeamp worker}s that registered (SPEC §11): whether each gets its server's
     * partitions, and what it runs now. Nothing when none did (and never with H2).
     */
    private static void printWorkers(HomeAmpSettings settings, PrintWriter out) {
        Object url = settings.springProperties().get("spring.datasource.url");
        if (url == null || !org.homeamp.config.SqlDialect.isPostgres(url.toString())) {
            return;
        }
        StateDatabase.Credentials credentials = StateDatabase.credentials(settings);
        List<WorkerHeartbeats.Registered> workers;
        try (Connection c = StateDatabase.connect(credentials)) {
            workers = WorkerHeartbeats.registered(c);
        } catch (SQLException e) {
            out.println();
            out.println("Workers: cannot read them from " + credentials.shownUrl() + ": " + firstLine(e.getMessage()));
            return;
        }
        if (workers.isEmpty()) {
            return;
        }
        String key = RemotePartitions.fingerprintKeyId(settings.stateDir());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SERVER", "WORKER HOST", "PID", "VERSION", "LAST BEAT", "NOW", "STATE"});
        boolean trouble = false;
        for (WorkerHeartbeats.Registered w : workers) {
            WorkerHeartbeats.Condition condition = w.condition(settings.worker().staleAfter(), key);
            trouble |= condition != WorkerHeartbeats.Condition.SERVING;
            String state = switch (condition) {
                case SERVING -> "serving";
                case NO_KEY -> "gets nothing: no fingerprint.key on its host";
                case OTHER_KEY -> "gets nothing: another fingerprint.key than this host's";
                case GONE -> "gone (no beat within worker.stale-after)";
            };
            String now = condition == WorkerHeartbeats.Condition.GONE ? "-"
                    : w.stepExecutionId() == null ? "idle" : "step execution " + w.stepExecutionId();
            rows.add(new String[] {w.server(), w.host(), String.valueOf(w.pid()), w.version(), w.secondsSinceBeat() + " s ago", now, state});
        }
        out.println();
        out.println("Workers:");
        print(out, rows);
        if (trouble) {
            out.println();
            out.println("A server whose worker gets nothing is read by this host itself; 'homeamp doctor' says what to fix.");
        }
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
