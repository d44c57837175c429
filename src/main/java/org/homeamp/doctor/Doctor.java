package org.homeamp.doctor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.homeamp.config.ConfigException;
import org.homeamp.config.ConfigLoader;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.config.ServerSettings;

/**
 * {@code homeamp doctor}: checks everything a nightly run needs, one {@link CheckResult} per check,
 * so a volunteer sees at once what is wrong and how to fix it. Contacts every AMP server and update
 * source once and sends no mail; changes nothing except that a demo config starts its simulators.
 */
public final class Doctor {
    private final DoctorOptions options;
    private final HostsStarter hostsStarter;

    /** A doctor for real hosts: nothing is started before the AMP checks. */
    public Doctor(DoctorOptions options) {
        this(options, HostsStarter.NONE);
    }

    /** @param hostsStarter starts what a configuration needs before its AMP hosts answer (the CLI starts the demo's simulators) */
    public Doctor(DoctorOptions options, HostsStarter hostsStarter) {
        this.options = options;
        this.hostsStarter = hostsStarter;
    }

    /**
     * Runs every check.
     *
     * @param configOption the {@code --config} value, or {@code null} for the default places
     */
    public List<CheckResult> run(Path configOption) {
        List<CheckResult> results = new ArrayList<>();
        results.add(HostChecks.java(Runtime.version().feature(), Runtime.version() + " (" + System.getProperty("java.vendor") + ")"));
        HomeAmpSettings loaded;
        try {
            Path file = ConfigLoader.locate(configOption);
            loaded = ConfigLoader.load(file, options.environment(), options.toolVersion());
            results.add(CheckResult.ok("config", file + " is valid (" + loaded.servers().size() + " servers)"));
        } catch (ConfigException e) {
            results.add(CheckResult.fail("config", String.join(" | ", e.problems()), "fix homeamp.yml as each problem says; see docs/configuration.md"));
            results.add(CheckResult.skip("everything else", "not checked: the other checks need a valid configuration"));
            return results;
        }
        Optional<ServiceUser> user = serviceUser(results);
        if (user.isEmpty()) {
            return results;
        }
        results.addAll(SpringKeysCheck.check(loaded.springProperties()));
        results.addAll(StateDirChecks.check(loaded.stateDir(), user.get()));
        DatabaseCheck.Outcome database = DatabaseCheck.check(loaded, options.environment());
        results.addAll(database.results());
        results.addAll(ContentChecks.check(loaded));
        try (HostsStarter.Started hosts = hostsStarter.start(loaded)) {
            HomeAmpSettings settings = hosts.settings();
            for (ServerSettings server : settings.servers()) {
                results.addAll(AmpChecks.check(server, settings.sources().userAgent(), options.timeout(), user.get()));
            }
            results.addAll(SourceChecks.check(settings.sources(), options.environment()::get, options.timeout()));
        }
        results.add(MailCheck.check(loaded, options.timeout(), user.get()));
        results.add(HostChecks.disk(loaded.stateDir(), options.minFreeDisk(), database.pendingDownloadBytes()));
        results.add(HostChecks.timer(options.systemctl()));
        return results;
    }

    /** A size as an operator writes it ({@code 512M}, {@code 2G}, bytes); for {@code --min-free-disk}. */
    public static long parseSize(String text) {
        return HostChecks.parseSize(text);
    }

    /** True when no check failed: {@code homeamp doctor} exits 0. */
    public static boolean passed(List<CheckResult> results) {
        return results.stream().noneMatch(r -> r.status() == CheckStatus.FAIL);
    }

    private Optional<ServiceUser> serviceUser(List<CheckResult> results) {
        ServiceUser me = ServiceUser.current();
        if (options.user() != null) {
            Optional<ServiceUser> named = ServiceUser.lookup(options.user());
            if (named.isEmpty()) {
                results.add(CheckResult.fail("user", "no user '" + options.user() + "' on this host", "run install.sh, or name the service user with --user"));
                return Optional.empty();
            }
            results.add(CheckResult.ok("user", "permissions are checked for " + options.user()));
            return named;
        }
        if (me.isRoot()) {
            Optional<ServiceUser> service = ServiceUser.lookup("homeamp");
            if (service.isPresent()) {
                results.add(CheckResult.warn("user", "running as root: permissions are checked for the service user homeamp",
                        "run doctor as the service user (runuser -u homeamp -- homeamp doctor), so its logins and files are what the nightly sees"));
                return service;
            }
        }
        results.add(CheckResult.ok("user", "permissions are checked for " + me.name() + " (the user running doctor)"));
        return Optional.of(me);
    }
}
