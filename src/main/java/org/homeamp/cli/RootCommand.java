package org.homeamp.cli;

import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code homeamp}: the top command; its options are accepted before or after the subcommand. */
@Command(name = "homeamp", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Keeps a Minecraft network's AMP instances in line with baselines and plugin updates.",
        subcommands = {DemoCommand.class, RunCommand.class, DeployCommand.class, RollbackCommand.class, HistoryCommand.class, StatusCommand.class,
                RestartCommand.class, RegistryCommand.class, DoctorCommand.class, DbCommand.class, WorkerCommand.class},
        footer = {"", "Exit codes: 0 done, 1 a job failed (run the printed 'homeamp restart' line), 2 bad usage or configuration,",
                "3 (only with --detailed-exitcode) finished, and drift or updates are pending."})
public class RootCommand implements Runnable {

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Configuration file (default ./homeamp.yml, then /etc/homeamp/homeamp.yml).")
    Path config;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"homeamp " + HomeAmpCli.version()};
        }
    }
}
