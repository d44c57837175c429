package org.homeamp.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import org.homeamp.config.HomeAmpSettings;
import org.homeamp.updates.registry.Registry;
import org.homeamp.updates.registry.RegistryLoader;
import org.homeamp.updates.registry.SourceType;
import org.homeamp.updates.sources.JdbcHttpCache;
import org.homeamp.updates.sources.ModrinthSource;
import org.homeamp.updates.sources.SourceException;
import org.homeamp.updates.sources.SourceHttp;
import org.homeamp.updates.sources.UpdateSources;
import org.springframework.jdbc.core.JdbcTemplate;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code homeamp registry identify}: for installed jars (from the last discovery) whose plugin has no
 * registry entry, asks Modrinth which project published those exact bytes (one bulk
 * {@code POST /version_files} by sha512) and prints a ready-to-save registry file per match. Hangar's
 * API has no lookup by file hash, so only Modrinth is asked, and the output says so.
 */
@Command(name = "identify", mixinStandardHelpOptions = true,
        description = "Looks up installed jars without a registry entry by their hash at Modrinth and prints draft registry files.")
public class RegistryIdentifyCommand implements Callable<Integer> {
    /** Modrinth accepts large bulk lookups; batches keep one request's body reasonable. */
    private static final int BATCH = 500;

    @ParentCommand
    RegistryCommand registry;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private record Unknown(String plugin, String version, String fileName, String sha512) {
    }

    @Override
    public Integer call() throws SourceException {
        HomeAmpSettings loaded = Session.loadSettings(registry.root.config);
        try (Session session = Session.open(loaded)) {
            HomeAmpSettings settings = session.settings();
            PrintWriter out = spec.commandLine().getOut();
            Registry known = new RegistryLoader().load(settings.registryDir());
            Map<String, Unknown> bySha512 = new LinkedHashMap<>();
            session.bean(JdbcTemplate.class).query("""
                    SELECT plugin_name, version, file_name, sha512 FROM plugin_jar
                     WHERE status = 'OK' AND removed_on IS NULL AND plugin_name IS NOT NULL AND sha512 IS NOT NULL
                     ORDER BY LOWER(plugin_name), version, file_name""", rs -> {
                String name = rs.getString(1);
                if (known.find(name).isEmpty()) {
                    bySha512.putIfAbsent(rs.getString(4).strip(), new Unknown(name, rs.getString(2), rs.getString(3), rs.getString(4).strip()));
                }
            });
            if (bySha512.isEmpty()) {
                out.println("Every installed plugin has a registry entry (or no discovery has run yet: homeamp run discovery).");
                return HomeAmpCli.OK;
            }
            SourceHttp http = UpdateSources.http(settings.sources(), new JdbcHttpCache(session.bean(DataSource.class)), System::getenv);
            ModrinthSource modrinth = (ModrinthSource) UpdateSources.create(settings.sources(), http).forType(SourceType.MODRINTH).orElseThrow();
            List<String> hashes = new ArrayList<>(bySha512.keySet());
            Map<String, ModrinthSource.Identified> found = new LinkedHashMap<>();
            for (int i = 0; i < hashes.size(); i += BATCH) {
                found.putAll(modrinth.identifyAll(hashes.subList(i, Math.min(hashes.size(), i + BATCH))));
            }
            out.println("# Asked Modrinth for " + hashes.size() + " installed jar(s) without a registry entry."
                    + " Hangar has no lookup by file hash, so only Modrinth was asked.");
            Map<String, String> drafted = new LinkedHashMap<>();
            for (Unknown jar : bySha512.values()) {
                ModrinthSource.Identified match = found.get(jar.sha512());
                if (match == null || drafted.containsKey(jar.plugin().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                drafted.put(jar.plugin().toLowerCase(Locale.ROOT), jar.plugin());
                out.println();
                out.println("# --- save as " + settings.registryDir().resolve("plugins").resolve(jar.plugin() + ".yml") + " ---");
                out.println("# " + jar.fileName() + " (" + jar.version() + ") is Modrinth project " + match.projectId()
                        + ", version " + match.version().version());
                out.println("name: " + jar.plugin());
                out.println("source: modrinth");
                out.println("project: " + match.projectId());
                out.println("channel: " + match.version().channel().key());
                out.println("notes: \"identified by the sha512 of " + jar.fileName() + "\"");
            }
            List<String> missing = bySha512.values().stream().map(Unknown::plugin).distinct()
                    .filter(p -> !drafted.containsKey(p.toLowerCase(Locale.ROOT))).toList();
            out.println();
            out.println("# " + drafted.size() + " draft(s) printed; not found at Modrinth: " + (missing.isEmpty() ? "none" : String.join(", ", missing))
                    + (missing.isEmpty() ? "" : " (write their registry files by hand; see registry/README.md)"));
            return HomeAmpCli.OK;
        }
    }
}
