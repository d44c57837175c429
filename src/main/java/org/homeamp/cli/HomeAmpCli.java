package org.homeamp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Properties;

import org.homeamp.batch.JobFailedException;
import org.homeamp.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;

/**
 * The {@code homeamp} command line. Exit codes (SPEC §3): 0 done; 1 a job failed (the message ends
 * with the restart command); 2 bad usage or configuration.
 */
public final class HomeAmpCli {
    public static final int OK = 0;
    public static final int JOB_FAILED = 1;
    public static final int USAGE = 2;
    /** Only with --detailed-exitcode: finished, and drift or updates are pending. */
    public static final int PENDING = 3;
    private static final Logger log = LoggerFactory.getLogger(HomeAmpCli.class);
    /** The log file of the configuration this process loaded, for the last line of an unexpected failure. */
    private static volatile Path logFile;

    private HomeAmpCli() {
    }

    /**
     * The program's entry point (the jar's start class). It lives here, not in
     * {@code HomeAmpApplication}, so that the application root does not depend on the command line
     * that depends on it.
     */
    public static void main(String[] args) {
        // before any H2 class loads: its auto-server must listen on loopback only
        org.homeamp.config.StateDatabase.bindToLoopback();
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        ConsoleLogging.configureEarly();
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
    }

    /** The configured picocli command line, writing to the given streams (tests capture them). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new RootCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("homeamp: " + ex.getMessage());
            c.getErr().println("Fix: see 'homeamp " + (c.getCommandName().equals("homeamp") ? "" : c.getCommandName() + " ") + "--help'");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (ex instanceof ConfigException) {
                c.getErr().println("homeamp: " + ex.getMessage());
                return USAGE;
            }
            if (ex instanceof JobFailedException) {
                c.getErr().println("homeamp: " + ex.getMessage());
                return JOB_FAILED;
            }
            Throwable root = rootCause(ex);
            if (root instanceof ConfigException) {
                c.getErr().println("homeamp: " + root.getMessage());
                return USAGE;
            }
            log.debug("unexpected failure", ex);
            c.getErr().println("homeamp: " + ex.getClass().getSimpleName() + ": " + ex.getMessage()
                    + (root != ex ? " (cause: " + root.getMessage() + ")" : ""));
            Path details = logFile;
            c.getErr().println(details == null ? "The log file in the state dir's logs/ folder has the details."
                    : "The log file " + details + " has the details.");
            return JOB_FAILED;
        });
        return cl;
    }

    static void logFileIs(Path file) {
        logFile = file;
    }

    static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    /** The tool's version, from the build. */
    public static String version() {
        try (InputStream in = HomeAmpCli.class.getResourceAsStream("/homeamp-version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
