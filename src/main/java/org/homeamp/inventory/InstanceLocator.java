package org.homeamp.inventory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.homeamp.amp.AmpClient;
import org.homeamp.amp.AmpException;
import org.homeamp.amp.AmpInstance;
import org.homeamp.amp.AmpTarget;
import org.homeamp.batch.Problems.Problem;
import org.homeamp.config.FilesMode;
import org.homeamp.config.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists a server's Minecraft instances. For {@code files: local} the instances folder is read too
 * and cross-checked with AMP: an AMP instance without a folder and a folder AMP does not know are
 * problems. AMP is the only source of which instances exist: a server whose AMP cannot list them is
 * unreachable, in both files modes (no folder scan without AMP, see docs/decisions.md D-A2).
 */
public final class InstanceLocator {
    private static final Logger log = LoggerFactory.getLogger(InstanceLocator.class);

    public ServerListing list(ServerSettings server, AmpClient amp) {
        List<Problem> problems = new ArrayList<>();
        List<AmpInstance> ampInstances = null;
        String ampError = null;
        try {
            ampInstances = minecraftInstances(server, amp);
        } catch (AmpException e) {
            ampError = e.getMessage();
        }
        if (ampInstances != null) {
            ampInstances = withPlainNames(server, ampInstances, problems);
        }
        if (ampInstances == null) {
            // Without AMP's list nothing says which folders are instances: scanning every folder under
            // instances-dir would count folders AMP does not know, and the run's findings would change
            // once AMP answers again. The server is unreachable, whatever its files mode.
            return new ServerListing(server.name(), List.of(), List.of(), ampError);
        }
        if (server.files() == FilesMode.AMP_API) {
            List<DiscoveredInstance> found = ampInstances.stream()
                    .map(i -> new DiscoveredInstance(server.name(), i.instanceName(), i.instanceId(), i.friendlyName(), i.appState().name(), i.running()))
                    .sorted(Comparator.comparing(DiscoveredInstance::instanceName))
                    .toList();
            return new ServerListing(server.name(), found, problems, null);
        }
        Map<String, Path> folders = minecraftFolders(server, problems);
        List<DiscoveredInstance> found = new ArrayList<>();
        Map<String, AmpInstance> byName = new TreeMap<>();
        ampInstances.forEach(i -> byName.put(i.instanceName(), i));
        for (AmpInstance i : byName.values()) {
            if (!folders.containsKey(i.instanceName())) {
                problems.add(new Problem(server.name(), i.instanceName(), null, "INSTANCE_FOLDER_MISSING",
                        "AMP lists instance " + i.instanceName() + " but " + server.instancesDir().resolve(i.instanceName()).resolve("Minecraft")
                                + " does not exist. Fix: check instances-dir of server " + server.name() + " in homeamp.yml"));
                continue;
            }
            found.add(new DiscoveredInstance(server.name(), i.instanceName(), i.instanceId(), i.friendlyName(), i.appState().name(), i.running()));
        }
        for (String folder : folders.keySet()) {
            if (!byName.containsKey(folder)) {
                problems.add(new Problem(server.name(), folder, null, "ORPHAN_FOLDER",
                        "folder " + folders.get(folder) + " looks like an instance but AMP does not list it; it was not scanned."
                                + " Fix: delete or archive the folder if the instance is gone"));
            }
        }
        return new ServerListing(server.name(), found, problems, null);
    }

    /**
     * The Minecraft instances AMP lists on the targets that belong to this server ({@link #ownTargets}),
     * the same selection discovery makes; for the deploy, which must find an instance where discovery found it.
     *
     * @throws AmpException when AMP cannot be asked, or lists no target of the configured {@code target} name
     */
    /**
     * Instance names become folder names under the state dir (backups, prepared files, reports) and
     * under {@code instances-dir}: a name that is not one plain folder name ({@code ..}, a slash, a
     * control character) could reach outside them, so such an instance is left out as a problem.
     * AMP itself only makes letters, digits, {@code _}, {@code -} and {@code .}.
     */
    static List<AmpInstance> withPlainNames(ServerSettings server, List<AmpInstance> instances, List<Problem> problems) {
        List<AmpInstance> kept = new ArrayList<>();
        for (AmpInstance i : instances) {
            if (isPlainName(i.instanceName())) {
                kept.add(i);
            } else {
                String shown = String.valueOf(i.instanceName()).replaceAll("\\p{Cntrl}", "?");
                problems.add(new Problem(server.name(), shown, null, "INSTANCE_NAME_UNSAFE",
                        "AMP lists an instance named '" + shown + "', which is not a plain folder name; it is left out of every job."
                                + " Fix: rename the instance in AMP (letters, digits, _ - .)"));
            }
        }
        return kept;
    }

    static boolean isPlainName(String name) {
        return name != null && name.matches("[A-Za-z0-9_.-]{1,100}") && !name.equals(".") && !name.equals("..");
    }

    public List<AmpInstance> minecraftInstances(ServerSettings server, AmpClient amp) {
        return ownTargets(server, amp.getInstances()).stream()
                .flatMap(t -> t.instances().stream())
                .filter(AmpInstance::isMinecraft)
                .toList();
    }

    /**
     * The hosts (AMP targets) that belong to this server. A controller lists its remote targets too;
     * without a configured {@code target}, a single target, the target named like the server, or the
     * target whose URL is the server's amp-url is taken, in that order; otherwise all of them.
     */
    static List<AmpTarget> ownTargets(ServerSettings server, List<AmpTarget> targets) {
        if (server.target() != null) {
            List<AmpTarget> named = targets.stream().filter(t -> server.target().equalsIgnoreCase(t.friendlyName())).toList();
            if (named.isEmpty()) {
                throw new AmpException("server " + server.name() + ": AMP at " + server.ampUrl() + " lists no target named '" + server.target()
                        + "' (it lists " + targets.stream().map(AmpTarget::friendlyName).toList()
                        + "). Fix: set homeamp.servers[].target of " + server.name() + " to one of those names");
            }
            return named;
        }
        if (targets.size() <= 1) {
            return targets;
        }
        List<AmpTarget> sameName = targets.stream().filter(t -> server.name().equalsIgnoreCase(t.friendlyName())).toList();
        if (!sameName.isEmpty()) {
            return sameName;
        }
        List<AmpTarget> sameUrl = targets.stream().filter(t -> sameHostAndPort(t.url(), server.ampUrl())).toList();
        if (!sameUrl.isEmpty()) {
            return sameUrl;
        }
        log.warn("server {}: AMP lists {} targets {} and none is named like the server; taking all of them."
                + " Set 'target' for this server in homeamp.yml to pick one", server.name(), targets.size(),
                targets.stream().map(AmpTarget::friendlyName).toList());
        return targets;
    }

    private static boolean sameHostAndPort(String url, java.net.URI ampUrl) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            java.net.URI u = java.net.URI.create(url.trim());
            return u.getHost() != null && u.getHost().equalsIgnoreCase(ampUrl.getHost()) && port(u) == port(ampUrl);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(java.net.URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** Folders under instances-dir that hold a {@code Minecraft/} folder, by instance name. */
    private static Map<String, Path> minecraftFolders(ServerSettings server, List<Problem> problems) {
        Map<String, Path> out = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(server.instancesDir())) {
            for (Path p : ds) {
                if (Files.isDirectory(p.resolve("Minecraft"))) {
                    out.put(p.getFileName().toString(), p.resolve("Minecraft"));
                }
            }
        } catch (IOException e) {
            problems.add(new Problem(server.name(), null, server.instancesDir().toString(), "UNREADABLE",
                    "cannot list " + server.instancesDir() + ": " + e.getMessage() + ". Fix: check that the homeamp user can read it (group amp)"));
        }
        return out;
    }
}
