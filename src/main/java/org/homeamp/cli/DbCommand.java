package org.homeamp.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import org.homeamp.config.StateDatabase;
import org.homeamp.database.DatabaseTransfer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code homeamp db export FILE} / {@code homeamp db import FILE [--replace]}: move the database between H2 and PostgreSQL. */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = {"Moves the tool's database (history, plans, deployments, job repository) between the embedded H2",
                "and PostgreSQL: export from one configuration, import into another (docs/postgresql.md)."},
        subcommands = {DbCommand.Export.class, DbCommand.Import.class})
public class DbCommand implements Runnable {
    @ParentCommand
    RootCommand root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Writes every table of the configured database to FILE (a zip of JSON lines, mode 0600). Holds the run lock.")
    static class Export implements Callable<Integer> {
        @ParentCommand
        DbCommand db;

        @Parameters(index = "0", paramLabel = "FILE", description = "The zip to write, e.g. homeamp-db.zip.")
        Path file;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Session session = Session.openForJobs(Session.loadSettings(db.root.config))) {
                DatabaseTransfer.Summary s = new DatabaseTransfer(session.bean(DataSource.class)).export(file, HomeAmpCli.version());
                PrintWriter out = spec.commandLine().getOut();
                out.println("exported " + s.total() + " rows of " + s.rows().size() + " tables (schema V" + s.schemaVersion() + ") from "
                        + source(session) + " to " + file);
                out.flush();
                return HomeAmpCli.OK;
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Loads FILE (from 'homeamp db export') into the configured database, in one transaction, and",
                    "resets its sequences. Refuses a database that holds rows unless --replace. Holds the run lock."})
    static class Import implements Callable<Integer> {
        @ParentCommand
        DbCommand db;

        @Parameters(index = "0", paramLabel = "FILE", description = "The zip 'homeamp db export' wrote.")
        Path file;

        @Option(names = "--replace", description = "Delete every row the target database holds before loading.")
        boolean replace;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Session session = Session.openForJobs(Session.loadSettings(db.root.config))) {
                DatabaseTransfer.Summary s = new DatabaseTransfer(session.bean(DataSource.class)).importFrom(file, replace);
                PrintWriter out = spec.commandLine().getOut();
                out.println("imported " + s.total() + " rows of " + s.rows().size() + " tables (schema V" + s.schemaVersion() + ") into "
                        + source(session));
                out.println("Check it: homeamp status; homeamp history");
                out.flush();
                return HomeAmpCli.OK;
            }
        }
    }

    private static String source(Session session) {
        Map<String, String> spring = session.settings().springProperties();
        String url = spring.get("spring.datasource.url");
        return url == null ? "the embedded H2 database in " + session.settings().stateDir().resolve("db")
                : StateDatabase.withoutCredentials(url);
    }
}
