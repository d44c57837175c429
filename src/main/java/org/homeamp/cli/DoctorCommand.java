package org.homeamp.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.homeamp.doctor.CheckResult;
import org.homeamp.doctor.Doctor;
import org.homeamp.doctor.DoctorOptions;
import org.homeamp.doctor.DoctorOutput;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code homeamp doctor}: one line per check, OK / WARN / FAIL with the fix; exit 1 when any check fails. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Checks config, permissions, database, AMP logins (one attempt each), update sources, mail, disk space"
                + " and the nightly timer; prints one line per check: OK, WARN, FAIL (with its fix) or SKIP.",
                "Exit 0 when nothing failed, 1 otherwise. Sends no mail and changes nothing."})
public class DoctorCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Option(names = "--user", paramLabel = "NAME",
            description = "Check permissions for this user (default: the user running doctor; as root: homeamp if it exists).")
    String user;

    @Option(names = "--min-free-disk", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Free space the state dir needs at least, e.g. 512M, 2G (default 512M; more when pending downloads need it).")
    long minFreeDisk = DoctorOptions.DEFAULT_MIN_FREE_DISK;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // Flyway warns about the H2 version on every open; application.properties silences it once Spring runs, doctor runs without Spring
        if (org.slf4j.LoggerFactory.getLogger("org.flywaydb") instanceof ch.qos.logback.classic.Logger flyway) {
            flyway.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
        List<CheckResult> results = new Doctor(DoctorOptions.defaults(user, minFreeDisk, HomeAmpCli.version()), settings -> {
            org.homeamp.demo.SimulatedHosts hosts = org.homeamp.demo.SimulatedHosts.start(settings);
            return new org.homeamp.doctor.HostsStarter.Started() {
                @Override
                public org.homeamp.config.HomeAmpSettings settings() {
                    return hosts.settings();
                }

                @Override
                public void close() {
                    hosts.close();
                }
            };
        }).run(root.config);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            DoctorOutput.json(results, out);
        } else {
            DoctorOutput.text(results, out);
        }
        return Doctor.passed(results) ? HomeAmpCli.OK : HomeAmpCli.JOB_FAILED;
    }

    static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return Doctor.parseSize(value);
        }
    }
}
