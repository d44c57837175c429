package org.homeamp.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.homeamp.demo.updatesim.PublishedProject;
import org.homeamp.demo.updatesim.PublishedVersion;
import org.homeamp.updates.registry.Channel;
import org.homeamp.updates.registry.Registry;
import org.homeamp.updates.registry.RegistryEntry;
import org.homeamp.updates.registry.RegistryLoader;
import org.homeamp.updates.registry.SourceType;

/**
 * What the demo's update source publishes, derived from the demo's registry and plugin catalogue so that
 * the nightly run finds a bit of everything: per registry entry the installed version and a newer one,
 * except that (in name order) the first plugin is only published in an older version (AHEAD), the second
 * has its newer version only on the beta channel, and the third's newer file is served corrupt (its
 * download is refused). Plugins without a registry file stay UNKNOWN_SOURCE.
 */
public final class DemoUpdateScenario {
    /** Wire formats the simulator speaks; entries of other sources are not copied into the demo registry. */
    public static final List<SourceType> SIMULATED = List.of(SourceType.MODRINTH, SourceType.GITHUB, SourceType.HANGAR, SourceType.SPIGOT,
            SourceType.JENKINS);
    private static final Pattern NUMERIC_CORE = Pattern.compile("\\d+(?:\\.\\d+)*");

    private DemoUpdateScenario() {
    }

    /** The projects to publish for the registry in {@code registryDir}. */
    public static List<PublishedProject> projects(Path registryDir) {
        Registry registry = new RegistryLoader().load(registryDir);
        PublishedJars jars = new PublishedJars();
        List<PublishedProject> out = new ArrayList<>();
        int role = 0;
        for (RegistryEntry entry : registry.entries()) {
            Optional<String> installed = jars.installedVersion(entry.name());
            if (!SIMULATED.contains(entry.source()) || installed.isEmpty()) {
                continue;
            }
            String current = installed.get();
            List<PublishedVersion> versions = new ArrayList<>();
            switch (role++) {
                case 0 -> version(jars, entry, "0.0.1", Channel.RELEASE, false).ifPresent(versions::add);
                case 1 -> {
                    version(jars, entry, current, Channel.RELEASE, false).ifPresent(versions::add);
                    version(jars, entry, newer(current), Channel.BETA, false).ifPresent(versions::add);
                }
                case 2 -> {
                    version(jars, entry, current, Channel.RELEASE, false).ifPresent(versions::add);
                    version(jars, entry, newer(current), Channel.RELEASE, true).ifPresent(versions::add);
                }
                default -> {
                    version(jars, entry, current, entry.channel(), false).ifPresent(versions::add);
                    version(jars, entry, newer(current), entry.channel(), false).ifPresent(versions::add);
                }
            }
            out.add(new PublishedProject(entry.name(), entry.source(), entry.project(), versions));
        }
        return out;
    }

    /** The next version: the last number of the numeric core plus one ({@code 1.7.3-b131} → {@code 1.7.4}). */
    static String newer(String version) {
        Matcher m = NUMERIC_CORE.matcher(version);
        if (!m.find()) {
            return "1.0.0";
        }
        String core = m.group();
        int dot = core.lastIndexOf('.');
        long last = Long.parseLong(core.substring(dot + 1)) + 1;
        return (dot < 0 ? "" : core.substring(0, dot + 1)) + last;
    }

    private static Optional<PublishedVersion> version(PublishedJars jars, RegistryEntry entry, String version, Channel channel, boolean corrupt) {
        Optional<byte[]> jar = jars.jar(entry.name(), version);
        String catalogueName = jars.fileName(entry.name(), version).orElse(entry.name() + "-" + version + ".jar");
        // the file name must pass the entry's asset regex, or the source would rightly not offer it
        for (String name : List.of(catalogueName, entry.name() + "-" + version + ".jar", entry.name() + ".jar")) {
            if (entry.asset() == null || entry.assetPattern().matcher(name).matches()) {
                return jar.map(bytes -> new PublishedVersion(version, channel, name, bytes, corrupt));
            }
        }
        return Optional.empty();
    }
}
