package org.homeamp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.JobService;
import org.homeamp.batch.RunOutcome;
import org.homeamp.config.ConfigException;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.homeamp.drift.StoredFinding;
import org.homeamp.mail.ReportMailer;
import org.homeamp.report.ProblemRow;
import org.homeamp.report.ReportQueries;
import org.homeamp.report.ReportWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code homeamp demo}: builds an offline demo network (two simulated AMP hosts, instance trees,
 * real plugin jars), runs the nightly job on it and prints what it found and where the output is.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Builds a self-contained demo network and runs the nightly job on it. Offline, no setup.",
                "Afterwards every command works on it with --config <dir>/homeamp.yml."})
public class DemoCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to build it (default ${DEFAULT-VALUE}).")
    Path dir = Path.of("demo");

    @Option(names = "--instances", paramLabel = "N", description = "Instances in the network (default ${DEFAULT-VALUE}, at least 5).")
    int instances = 6;

    @Option(names = "--plugins", paramLabel = "N", description = "Distinct plugins (default ${DEFAULT-VALUE}, at least 12).")
    int plugins = 14;

    @Option(names = "--fresh", description = "Delete an earlier demo network in DIR and build it again.")
    boolean fresh;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DemoNetwork network;
        try {
            network = new DemoNetworkGenerator().generate(dir.toAbsolutePath().normalize(), instances, plugins, fresh);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the demo network in " + dir + ": " + e.getMessage(), e);
        }
        out.println("Demo network in " + network.dir() + ": " + network.instances() + " instances on " + network.servers().size()
                + " simulated AMP hosts " + network.servers() + ", " + network.jars() + " plugin jars.");
        HomeAmpSettings settings = Session.loadSettingsForJobs(network.configFile());
        LocalDate today = LocalDate.now(settings.timeZone());
        try (Session session = Session.openForJobs(settings)) {
            JobService jobs = session.bean(JobService.class);
            RunOutcome outcome = jobs.run(JobNames.NIGHTLY, today, List.of(), false);
            if (!outcome.ran()) {
                outcome = jobs.run(JobNames.NIGHTLY, today, List.of(), true);
            }
            if (outcome.failed()) {
                spec.commandLine().getErr().println(outcome.message());
                return HomeAmpCli.JOB_FAILED;
            }
            out.println(outcome.message());
            printSummary(out, session, outcome.executionId(), settings, today);
        }
        out.println();
        out.println("Try next:");
        out.println("  java -jar target/homeamp.jar status --config " + network.configFile());
        out.println("  java -jar target/homeamp.jar run discovery --rerun --config " + network.configFile());
        Path workbook = settings.stateDir().resolve("reports").resolve(today.toString()).resolve("approvals-" + today + ".xlsx");
        out.println("  Approve a change: open " + workbook + ", sheet Changes; on the row whose Setting is view-distance (Lobby01)");
        out.println("  type YES under Approve and your name under Approved by, and save. Then:");
        out.println("  java -jar target/homeamp.jar deploy " + workbook + " --dry-run --config " + network.configFile());
        out.println("  java -jar target/homeamp.jar deploy " + workbook + " --config " + network.configFile());
        out.println("  java -jar target/homeamp.jar run drift-scan --rerun --config " + network.configFile() + "   (the finding is RESOLVED)");
        out.println("  java -jar target/homeamp.jar history --config " + network.configFile());
        return HomeAmpCli.OK;
    }

    private static void printSummary(PrintWriter out, Session session, long executionId, HomeAmpSettings settings, LocalDate date) {
        JdbcTemplate jdbc = session.bean(JdbcTemplate.class);
        Long runId = jdbc.queryForObject("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", Long.class, executionId);
        out.println();
        out.println("Inventory:");
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT server, COUNT(DISTINCT instance_name) AS instances, COUNT(*) AS jars,
                       SUM(CASE WHEN status = 'OK' THEN 1 ELSE 0 END) AS ok
                  FROM plugin_jar WHERE last_run = ? GROUP BY server ORDER BY server""", runId);
        for (Map<String, Object> r : rows) {
            out.printf("  %-10s %3s instances, %5s jars (%s with a plugin descriptor)%n", r.get("SERVER"), r.get("INSTANCES"), r.get("JARS"), r.get("OK"));
        }
        // the same rows the report and the mail count, so the three never disagree
        ReportQueries report = session.bean(ReportQueries.class);
        List<StoredFinding> drift = report.findings(runId, date).stream().filter(f -> !f.resolved()).toList();
        out.println("Drift against the baselines (" + drift.size() + "):");
        for (StoredFinding d : drift) {
            String key = d.keyShown().isEmpty() ? "" : " " + d.key();
            String values = d.line() != null ? " (line " + d.line() + ", column " + d.column() + ")"
                    : d.expected() == null && d.actual() == null ? ""
                    : ": expected " + d.expected() + ", found " + (d.actual() == null ? "nothing" : d.actual());
            out.printf("  %-18s %s/%s:%s%s%s%n", d.kind(), d.server(), d.instance(), d.file(), key, values);
        }
        List<ProblemRow> problems = report.problems(runId, date);
        out.println("Problems found (" + problems.size() + "):");
        for (ProblemRow p : problems) {
            out.printf("  %-18s %s%n  %18s %s%n", p.kind(), p.where(), "", p.message());
        }
        out.println();
        out.println("Output:");
        out.println("  state (H2 database, job history): " + settings.stateDir().resolve("db"));
        out.println("  log file:                         " + settings.stateDir().resolve("logs").resolve("homeamp.log"));
        out.println("  report:                           " + ReportWriter.folder(settings, date).resolve("index.html"));
        out.println("  approvals workbook:               " + ReportWriter.workbook(settings, date));
        List<String> transport = jdbc.queryForList("SELECT transport FROM mail_sent WHERE run_id = ?", String.class, runId);
        if (transport.contains("smtp")) {
            out.println("  mail:                             sent to " + String.join(", ", settings.mail().to()) + " through SMTP");
        } else {
            out.println("  mail:                             " + ReportMailer.outboxFile(settings, date, runId));
        }
    }
}
