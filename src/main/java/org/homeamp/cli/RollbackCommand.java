package org.homeamp.cli;

import java.util.concurrent.Callable;

import org.homeamp.config.HomeAmpSettings;

import org.homeamp.deploy.RollbackService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code homeamp rollback <deployment-id>}: restores what a deployment changed, byte for byte. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Restores every file and jar a deployment changed from its backup, byte for byte, restarting each instance",
                "once with a health check. Refused (exit 2) when a file was changed again since the deployment, unless --force.",
                "Exit codes: 0 done, 1 stopped (run the printed 'homeamp restart' line), 2 refused, 4 done with an instance refused or unhealthy."})
public class RollbackCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Parameters(index = "0", paramLabel = "DEPLOYMENT-ID", description = "The deployment to undo, e.g. D-20261203-1 (see 'homeamp history').")
    String deploymentId;

    @Option(names = "--dry-run", description = "Show what would be restored; change nothing.")
    boolean dryRun;

    @Option(names = "--force", description = "Restore files that were changed again since the deployment too.")
    boolean force;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // a dry run takes no lock: it writes nothing and may run beside a nightly
        HomeAmpSettings settings = Session.loadSettingsForJobs(root.config);
        try (Session session = dryRun ? Session.open(settings) : Session.openForJobs(settings)) {
            return session.bean(RollbackService.class).rollback(deploymentId, dryRun, force, spec.commandLine().getOut());
        }
    }
}
