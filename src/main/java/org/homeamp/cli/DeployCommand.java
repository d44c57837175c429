package org.homeamp.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.homeamp.config.HomeAmpSettings;

import org.homeamp.approval.WorkbookRefusedException;
import org.homeamp.config.ConfigException;
import org.homeamp.deploy.DeployService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code homeamp deploy <workbook.xlsx>}: applies exactly the approved rows of an approvals workbook. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Applies the rows of an approvals workbook whose Approve cell is YES: verifies each row (signature, live value,",
                "staged jar), backs up, writes minimal edits, restarts each changed instance once, checks its health and",
                "restores the backup when the check fails. A killed deploy resumes with 'homeamp restart'.",
                "Exit codes: 0 done, 1 the deploy failed (run the printed 'homeamp restart' line), 2 the workbook was refused,",
                "4 done, but a row was refused or an instance was rolled back (each is named)."})
public class DeployCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Parameters(index = "0", paramLabel = "WORKBOOK", description = "The approvals workbook (approvals-<date>.xlsx) with Approve = YES on the rows to apply.")
    Path workbook;

    @Option(names = "--dry-run", description = "Verify and show the diff of every file it would change; write nothing.")
    boolean dryRun;

    @Option(names = "--instance", paramLabel = "NAME", description = "Only rows of this instance (repeatable).")
    List<String> instances = new ArrayList<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(workbook)) {
            throw new ConfigException(workbook + ": no such file. Fix: give the path of the approvals workbook you saved");
        }
        // a dry run takes no lock: it writes nothing and may run beside a nightly
        HomeAmpSettings settings = Session.loadSettingsForJobs(root.config);
        try (Session session = dryRun ? Session.open(settings) : Session.openForJobs(settings)) {
            return session.bean(DeployService.class).deploy(workbook, instances, dryRun, spec.commandLine().getOut());
        } catch (WorkbookRefusedException e) {
            spec.commandLine().getErr().println("homeamp: " + e.getMessage());
            return HomeAmpCli.USAGE;
        }
    }
}
