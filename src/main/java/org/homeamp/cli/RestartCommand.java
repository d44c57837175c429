package org.homeamp.cli;

import java.util.Optional;
import java.util.concurrent.Callable;

import org.homeamp.deploy.DeployService;

import org.homeamp.batch.JobService;
import org.homeamp.batch.RunOutcome;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code homeamp restart [id]}: resumes a failed or crashed execution where it stopped. */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = {"Resumes a failed or crashed job execution where it stopped; finished work is not redone.",
                "Without an id: the latest execution that did not complete."})
public class RestartCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXECUTION-ID", description = "Execution id from 'homeamp status'.")
    Long executionId;

    @picocli.CommandLine.Option(names = "--detailed-exitcode", description = "Exit 3 when the run finished and drift or updates are pending.")
    boolean detailedExitcode;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Session session = Session.openForJobs(Session.loadSettingsForJobs(root.config))) {
            RunOutcome outcome = session.bean(JobService.class).restart(executionId);
            Optional<Integer> deploy = session.bean(DeployService.class).afterRestart(outcome.ran() ? outcome.executionId() : 0,
                    spec.commandLine().getOut());
            if (deploy.isPresent()) {
                return deploy.get();
            }
            return RunCommand.detailed(RunCommand.report(spec, outcome), detailedExitcode, outcome, session);
        }
    }
}
