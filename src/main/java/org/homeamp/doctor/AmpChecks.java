package org.homeamp.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.homeamp.amp.AmpClient;
import org.homeamp.amp.AmpConnection;
import org.homeamp.amp.AmpException;
import org.homeamp.amp.AmpInstance;
import org.homeamp.config.FilesMode;
import org.homeamp.config.ServerSettings;
import org.homeamp.doctor.ServiceUser.Access;

/**
 * Per server: AMP answers, the login works, the user may list instances and reach their files.
 * The login is sent once and never repeated: AMP blocks an address after a few failed logins, and a
 * doctor run must not be the one that locks the nightly out.
 */
final class AmpChecks {
    private AmpChecks() {
    }

    static List<CheckResult> check(ServerSettings server, String userAgent, Duration timeout, ServiceUser user) {
        List<CheckResult> results = new ArrayList<>();
        String name = "amp " + server.name();
        AmpConnection connection = new AmpConnection(server.name(), server.ampUrl(), server.username(), server.password(), userAgent,
                timeout, Duration.ofSeconds(2));
        try (AmpClient client = new AmpClient(connection)) {
            try {
                client.login();
                results.add(CheckResult.ok(name, connection.displayUrl() + " answers"));
                results.add(CheckResult.ok(name + " login", "user '" + server.username() + "' logged in (" + server.passwordSource() + ")"));
            } catch (AmpException.LoginRejected e) {
                results.add(CheckResult.ok(name, connection.displayUrl() + " answers"));
                results.add(CheckResult.fail(name + " login", e.getMessage(), "put the right password in " + server.passwordSource()
                        + " and check the user in AMP (not locked, no two-factor login); doctor tried once only"));
                return skipRest(results, name, "login failed");
            } catch (AmpException.Unreachable e) {
                results.add(CheckResult.fail(name, e.getMessage(), "check amp-url of server " + server.name()
                        + " in homeamp.yml, that AMP runs, and that this host may reach it (firewall)"));
                return skipRest(results, name, "AMP unreachable");
            } catch (AmpException e) {
                results.add(CheckResult.ok(name, connection.displayUrl() + " answers"));
                results.add(CheckResult.fail(name + " login", e.getMessage(), "check that amp-url points at AMP's controller (ADS)"));
                return skipRest(results, name, "login failed");
            }
            List<AmpInstance> instances;
            try {
                instances = client.minecraftInstances(server.target());
            } catch (AmpException e) {
                results.add(CheckResult.fail(name + " instances", e.getMessage(),
                        "give user '" + server.username() + "' the permission to see instances in AMP (ADS > Instances)"));
                results.add(CheckResult.skip(name + " files", "not checked: instances cannot be listed"));
                return results;
            }
            if (instances.isEmpty()) {
                results.add(CheckResult.warn(name + " instances", "user '" + server.username() + "' sees no Minecraft instance"
                        + (server.target() == null ? "" : " on target " + server.target()),
                        "check the user's instance permissions in AMP" + (server.target() == null ? "" : " and the target name")));
            } else {
                results.add(CheckResult.ok(name + " instances", instances.size() + " Minecraft instances visible"));
            }
            results.add(files(server, instances, client, user));
        }
        return results;
    }

    private static List<CheckResult> skipRest(List<CheckResult> results, String name, String why) {
        results.add(CheckResult.skip(name + " instances", "not checked: " + why));
        results.add(CheckResult.skip(name + " files", "not checked: " + why));
        return results;
    }

    private static CheckResult files(ServerSettings server, List<AmpInstance> instances, AmpClient client, ServiceUser user) {
        String check = "amp " + server.name() + " files";
        if (server.files() == FilesMode.LOCAL) {
            return localFiles(check, server.instancesDir(), instances, user);
        }
        if (instances.isEmpty()) {
            return CheckResult.skip(check, "not checked: no instance to read from");
        }
        AmpInstance first = instances.get(0);
        try {
            int entries = client.listDirectory(first.instanceId(), "").size();
            return CheckResult.ok(check, "files of " + first.instanceName() + " readable through AMP (" + entries + " entries at the top)");
        } catch (AmpException e) {
            return CheckResult.fail(check, e.getMessage(), "give user '" + server.username()
                    + "' the FileManager permission on the instances in AMP, or use files: local on the AMP host");
        }
    }

    private static CheckResult localFiles(String check, Path dir, List<AmpInstance> instances, ServiceUser user) {
        try {
            if (!Files.isDirectory(dir)) {
                return CheckResult.fail(check, "instances-dir " + dir + " does not exist",
                        "fix instances-dir in homeamp.yml (AMP keeps them in /home/amp/.ampdata/instances)");
            }
            List<Path> needed = new ArrayList<>();
            needed.add(dir);
            for (AmpInstance instance : instances) {
                Path minecraft = dir.resolve(instance.instanceName()).resolve("Minecraft");
                if (Files.isDirectory(minecraft)) {
                    needed.add(minecraft);
                }
            }
            for (Path p : needed) {
                boolean read = user.may(p, Access.READ);
                boolean write = p.equals(dir) || user.may(p, Access.WRITE);
                if (!read || !write) {
                    return CheckResult.fail(check, user.name() + " may not " + (read ? "write" : "read") + " " + p,
                            "add " + user.name() + " to AMP's group (usermod -a -G amp " + user.name()
                                    + ") and give the group access (chmod -R g+rwX " + dir + ")");
                }
            }
            return CheckResult.ok(check, user.name() + " may read and write " + dir + " (" + (needed.size() - 1) + " instance folders)");
        } catch (IOException e) {
            return CheckResult.fail(check, "cannot read the attributes of " + dir + ": " + e.getMessage(), "check instances-dir in homeamp.yml");
        }
    }
}
