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
import org.homeamp.mail.ReportMailer;
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
            printSummary(out, session.bean(JdbcTemplate.class), outcome.executionId(), settings, today);
        }
        out.println();
        out.println("Try next:");
        out.println("  java -jar target/homeamp.jar status --config " + network.configFile());
        out.println("  java -jar target/homeamp.jar run discovery --rerun --config " + network.configFile());
        return HomeAmpCli.OK;
    }

    private static void printSummary(PrintWriter out, JdbcTemplate jdbc, long executionId, HomeAmpSettings settings, LocalDate date) {
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
        List<Map<String, Object>> drift = jdbc.queryForList("""
                SELECT kind, server, instance_name, file, key_path, expected, actual, state, line_no, col_no FROM drift_finding
                 WHERE run_id = ? AND state <> 'RESOLVED' ORDER BY server, instance_name, file, key_path""", runId);
        out.println("Drift against the baselines (" + drift.size() + "):");
        for (Map<String, Object> d : drift) {
            String key = d.get("KEY_PATH") == null || String.valueOf(d.get("KEY_PATH")).isEmpty() ? "" : " " + d.get("KEY_PATH");
            String values = d.get("LINE_NO") != null ? " (line " + d.get("LINE_NO") + ", column " + d.get("COL_NO") + ")"
                    : d.get("EXPECTED") == null && d.get("ACTUAL") == null ? ""
                    : ": expected " + d.get("EXPECTED") + ", found " + (d.get("ACTUAL") == null ? "nothing" : d.get("ACTUAL"));
            out.printf("  %-18s %s/%s:%s%s%s%n", d.get("KIND"), d.get("SERVER"), d.get("INSTANCE_NAME"), d.get("FILE"), key, values);
        }
        List<Map<String, Object>> problems = jdbc.queryForList(
                "SELECT kind, server, instance_name, path, message FROM problem WHERE run_id = ? ORDER BY server, instance_name, path", runId);
        out.println("Problems found (" + problems.size() + "):");
        for (Map<String, Object> p : problems) {
            String where = java.util.stream.Stream.of(p.get("SERVER"), p.get("INSTANCE_NAME")).filter(java.util.Objects::nonNull)
                    .map(String::valueOf).collect(java.util.stream.Collectors.joining("/"));
            if (p.get("PATH") != null) {
                where = where.isEmpty() ? String.valueOf(p.get("PATH")) : where + ":" + p.get("PATH");
            }
            out.printf("  %-18s %s%n  %18s %s%n", p.get("KIND"), where, "", p.get("MESSAGE"));
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
