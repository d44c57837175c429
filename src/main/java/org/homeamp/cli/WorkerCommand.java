package org.homeamp.cli;

import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import org.homeamp.ApplicationContexts;
import org.homeamp.batch.PartitionWorker;
import org.homeamp.config.ConfigException;
import org.homeamp.config.HomeAmpSettings;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code homeamp worker [--server NAME]} (SPEC §11 "Past one host"): serves the discovery and
 * drift-scan partitions of this host's server from the shared PostgreSQL, reading and writing that
 * server's instance files locally, until stopped (SIGTERM: the running partition gets
 * {@value #GRACE_SECONDS} s to finish, then stops at its next chunk and is resumed by the restart).
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Serves the partitions of this host's server from the shared PostgreSQL (runs as a systemd service).",
                "Needs spring.datasource.url: jdbc:postgresql://... in homeamp.yml; see docs/scaling.md."})
public class WorkerCommand implements Callable<Integer> {
    static final int GRACE_SECONDS = 90;

    @ParentCommand
    RootCommand root;

    @Option(names = "--server", paramLabel = "NAME", description = "The server whose partitions to serve (default: worker.server).")
    String server;

    @Option(names = "--instances-dir", paramLabel = "DIR",
            description = "AMP's instances folder on this host (default: the server's instances-dir in homeamp.yml).")
    Path instancesDir;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        HomeAmpSettings loaded = Session.loadSettingsForJobs(root.config);
        String served = server != null ? server : loaded.worker().server();
        if (served == null) {
            throw new ConfigException(loaded.configFile() + ": no server to serve. Fix: run 'homeamp worker --server NAME', or set"
                    + " worker.server: NAME under homeamp: in homeamp.yml");
        }
        HomeAmpSettings settings = loaded.servingLocally(served, instancesDir);
        ConfigurableApplicationContext context;
        try {
            context = ApplicationContexts.openWorker(settings, Map.of());
        } catch (RuntimeException e) {
            throw unreadySchema(e, settings);
        }
        PartitionWorker worker = PartitionWorker.fromContext(context, served, hostName(), ProcessHandle.current().pid(), HomeAmpCli.version());
        AtomicBoolean closed = new AtomicBoolean();
        Runnable shutdown = () -> {
            worker.stop(Duration.ofSeconds(GRACE_SECONDS));
            if (closed.compareAndSet(false, true)) {
                context.close();
            }
        };
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "worker-stop"));
        } catch (IllegalStateException stoppedWhileStarting) {
            // SIGTERM came while the context started: nothing runs yet
            context.close();
            return HomeAmpCli.OK;
        }
        spec.commandLine().getOut().printf("homeamp worker %s serves %s (files in %s); stop it with SIGTERM (systemctl stop homeamp-worker)%n",
                worker.workerId(), served, settings.server(served).orElseThrow().instancesDir());
        spec.commandLine().getOut().flush();
        try {
            worker.run();
        } catch (RuntimeException e) {
            throw unreadySchema(e, settings);
        } finally {
            if (closed.compareAndSet(false, true)) {
                context.close();
            }
        }
        return HomeAmpCli.OK;
    }

    /** A database without the tool's tables, or a role that may not use them, in the operator's words. */
    private static RuntimeException unreadySchema(RuntimeException e, HomeAmpSettings settings) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("42P01".equals(sql.getSQLState()) || "42501".equals(sql.getSQLState()))) {
                String what = "42P01".equals(sql.getSQLState()) ? "lacks the homeamp tables" : "does not let this role use the homeamp tables";
                return new ConfigException("the database of spring.datasource.url in " + settings.configFile() + " " + what + " ("
                        + sql.getMessage().lines().findFirst().orElse("") + "). Fix: run a job once on the manager with the owner role"
                        + " (e.g. 'homeamp run discovery'; it creates the tables), then grant the worker role as docs/scaling.md shows");
            }
        }
        return e;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown-host" : env;
        }
    }
}
