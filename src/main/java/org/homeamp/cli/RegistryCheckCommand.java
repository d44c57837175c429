package org.homeamp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.homeamp.config.HomeAmpSettings;
import org.homeamp.updates.registry.Registry;
import org.homeamp.updates.registry.RegistryLoader;
import org.homeamp.updates.registry.RegistryProblem;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code homeamp registry check}: validates every registry file; one line per problem with file, line
 * and fix, exit 2 when there is any. Needs no database and contacts no source.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validates every registry file; prints file:line: problem. Fix: ... per problem (exit 2 if any).")
public class RegistryCheckCommand implements Callable<Integer> {

    @ParentCommand
    RegistryCommand registry;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        HomeAmpSettings settings = Session.loadSettings(registry.root.config);
        Registry loaded = new RegistryLoader().load(settings.registryDir());
        int files = countFiles(settings.registryDir().resolve("plugins"));
        if (loaded.isValid()) {
            spec.commandLine().getOut().println(files + " registry files OK (" + settings.registryDir().resolve("plugins") + ")");
            return HomeAmpCli.OK;
        }
        PrintWriter err = spec.commandLine().getErr();
        for (RegistryProblem problem : loaded.problems()) {
            err.println(problem);
        }
        err.println(loaded.problems().size() + " problem(s) in " + files + " registry files; the update check refuses to run until they are fixed");
        return HomeAmpCli.USAGE;
    }

    private static int countFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> listing = Files.list(dir)) {
            return (int) listing.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
