package org.homeamp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code homeamp registry}: checks the plugin registry and drafts entries for unknown plugins. */
@Command(name = "registry", mixinStandardHelpOptions = true, description = "Checks the plugin registry (registry/plugins/*.yml).",
        subcommands = {RegistryCheckCommand.class, RegistryIdentifyCommand.class})
public class RegistryCommand implements Runnable {

    @ParentCommand
    RootCommand root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
