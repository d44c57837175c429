package org.homeamp.cli;

import java.util.concurrent.Callable;

import org.homeamp.config.ConfigException;
import org.homeamp.deploy.DeploySummary;
import org.homeamp.deploy.DeploymentHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code homeamp history [ID]}: recent deployments and rollbacks, or one of them row by row. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Recent deployments and rollbacks, newest first: id, plan, when, who ran it, instances, rows applied/refused/",
                "failed/rolled back, result. With an id: that deployment row by row (who approved, sha256 before -> after, result, reason)."})
public class HistoryCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DEPLOYMENT-ID", description = "Show this deployment row by row.")
    String deploymentId;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many to list (default 20).")
    int limit;

    @Option(names = "--json", description = "JSON for scripts.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new ConfigException("--limit " + limit + ": must be at least 1");
        }
        try (Session session = Session.open(Session.loadSettings(root.config))) {
            DeploymentHistory history = session.bean(DeploymentHistory.class);
            if (deploymentId == null) {
                spec.commandLine().getOut().print(json ? history.listJson(limit) + "\n" : history.listText(limit) + (history.list(1).isEmpty() ? "\n" : ""));
                spec.commandLine().getOut().flush();
                return HomeAmpCli.OK;
            }
            DeploySummary one = history.one(deploymentId).orElseThrow(() -> new ConfigException("no deployment " + deploymentId
                    + ". Fix: run 'homeamp history' for the ids"));
            spec.commandLine().getOut().print(json ? history.oneJson(one) + "\n" : history.oneText(one));
            spec.commandLine().getOut().flush();
            return HomeAmpCli.OK;
        }
    }
}
