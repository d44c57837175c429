package org.homeamp.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.JobService;
import org.homeamp.batch.RunOutcome;
import org.homeamp.config.ConfigException;
import org.homeamp.config.HomeAmpSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code homeamp run <job>}: runs one job for a business date, or resumes it if that date's run failed. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs one job for a date (default: today in the configured time zone).",
                "A date whose run failed is resumed; a completed date is left alone unless --rerun."})
public class RunCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Parameters(index = "0", paramLabel = "JOB", description = "nightly, discovery, drift-scan, update-check, download or report.")
    String job;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Business date that identifies the run.")
    String date;

    @Option(names = "--server", paramLabel = "NAME", description = "Only this server (repeatable).")
    List<String> servers = new ArrayList<>();

    @Option(names = "--rerun", description = "Run again even though the date's run completed.")
    boolean rerun;

    @Option(names = "--detailed-exitcode", description = "Exit 3 when the run finished and drift or updates are pending.")
    boolean detailedExitcode;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!JobNames.RUNNABLE.contains(job)) {
            throw new ConfigException("unknown job '" + job + "'. Fix: use one of " + String.join(", ", JobNames.RUNNABLE));
        }
        // a bad --date is a usage error: said first, before any problem of the files it would run on
        LocalDate given = date == null ? null : businessDate(date, null);
        HomeAmpSettings settings = Session.loadSettingsForJobs(root.config);
        LocalDate day = given != null ? given : businessDate(null, settings);
        try (Session session = Session.openForJobs(settings)) {
            RunOutcome outcome = session.bean(JobService.class).run(job, day, servers, rerun);
            return detailed(report(spec, outcome), detailedExitcode, outcome, session);
        }
    }

    static LocalDate businessDate(String date, HomeAmpSettings settings) {
        if (date == null) {
            return LocalDate.now(settings.timeZone());
        }
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new ConfigException("--date " + date + " is not a date. Fix: write it as YYYY-MM-DD, e.g. 2026-11-25");
        }
    }

    /** With --detailed-exitcode, a finished run that left drift or updates pending exits 3. */
    static int detailed(int exit, boolean detailedExitcode, RunOutcome outcome, Session session) {
        if (exit != HomeAmpCli.OK || !detailedExitcode || outcome.executionId() == 0) {
            return exit;
        }
        return session.bean(org.homeamp.batch.PendingChanges.class).count(outcome.executionId()) > 0 ? HomeAmpCli.PENDING : exit;
    }

    static int report(picocli.CommandLine.Model.CommandSpec spec, RunOutcome outcome) {
        if (outcome.failed()) {
            spec.commandLine().getErr().println(outcome.message());
            return HomeAmpCli.JOB_FAILED;
        }
        spec.commandLine().getOut().println(outcome.message());
        return HomeAmpCli.OK;
    }
}
