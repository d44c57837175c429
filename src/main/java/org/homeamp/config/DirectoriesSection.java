package org.homeamp.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;

import org.homeamp.config.HomeAmpSettings.SimulatorSettings;

/**
 * The folders and files {@code homeamp.yml} points at: {@code state-dir} (created when missing, mode
 * 0750), {@code baselines-dir}, {@code registry-dir}, {@code variables}, and {@code time-zone} and the demo's
 * {@code simulator}. For commands that run jobs the baselines and registry folders, and a variables file
 * that is named explicitly, must exist: found here, with the line, instead of seconds later inside a job.
 */
final class DirectoriesSection {
    private final ConfigPaths paths;
    private final ConfigMap homeamp;

    DirectoriesSection(ConfigPaths paths, ConfigMap homeamp) {
        this.paths = paths;
        this.homeamp = homeamp;
    }

    Path stateDir() {
        if (!homeamp.has("state-dir")) {
            homeamp.missing("state-dir", "/var/lib/homeamp");
            return null;
        }
        Path dir = paths.path(homeamp, "state-dir", "/var/lib/homeamp");
        if (dir == null) {
            return null;
        }
        String raw = homeamp.string("state-dir", "/var/lib/homeamp");
        try {
            StateDirectory.create(dir);
        } catch (IOException e) {
            homeamp.problem("state-dir", raw, "cannot be created" + ConfigPaths.resolvedNote(raw, dir) + " (" + e + ")",
                    "create it and give it to the service user: install -d -m 750 -o homeamp " + dir);
            return null;
        }
        if (!Files.isWritable(dir)) {
            homeamp.problem("state-dir", raw, "is not writable" + ConfigPaths.resolvedNote(raw, dir),
                    "give it to the service user: chown -R homeamp " + dir);
            return null;
        }
        return dir;
    }

    Path baselinesDir(boolean mustExist) {
        Path dir = paths.pathOrDefault(homeamp, "baselines-dir", "baselines");
        if (mustExist) {
            ConfigPaths.isDirectoryOrReport(homeamp, "baselines-dir", dir, "point baselines-dir at the folder that holds"
                    + " rules.yml and server/, plugins/ (see docs/baselines.md), or create it: mkdir -p " + dir);
        }
        return dir;
    }

    Path registryDir(boolean mustExist) {
        Path dir = paths.pathOrDefault(homeamp, "registry-dir", "registry");
        if (mustExist && ConfigPaths.isDirectoryOrReport(homeamp, "registry-dir", dir, "point registry-dir at the folder"
                + " that holds plugins/<PluginName>.yml (see docs/configuration.md), or copy the shipped registry/ there")
                && dir != null && !Files.isDirectory(dir.resolve("plugins"))) {
            homeamp.problem("registry-dir", homeamp.has("registry-dir") ? homeamp.string("registry-dir", "") : null,
                    "has no plugins/ folder (" + dir.resolve("plugins") + ")",
                    "point registry-dir at the folder that holds plugins/, or copy the shipped registry/ there");
        }
        return dir;
    }

    Path variables(boolean mustExist) {
        if (!homeamp.has("variables")) {
            return paths.configDir().resolve("Master_Variable_Configurations.xlsx");
        }
        String example = "/etc/homeamp/Master_Variable_Configurations.xlsx";
        Path variables = paths.path(homeamp, "variables", example);
        if (variables == null) {
            return null;
        }
        String raw = homeamp.string("variables", "");
        String name = variables.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".xlsx") && !name.endsWith(".csv")) {
            homeamp.problem("variables", raw, "is neither an .xlsx workbook nor a .csv file",
                    "point it at the variables workbook, e.g. variables: " + example + " (or a .csv with the same columns)");
            return null;
        }
        if (mustExist && !Files.isRegularFile(variables)) {
            // Named on purpose, so a missing file is a typo; without the key, no variables is fine.
            homeamp.problem("variables", raw, (Files.exists(variables) ? "is not a file" : "does not exist")
                    + ConfigPaths.resolvedNote(raw, variables), "fix the path, or remove the variables key if the"
                    + " network has no variables (see docs/baselines.md)");
        }
        return variables;
    }

    ZoneId timeZone() {
        String raw = homeamp.string("time-zone", "Europe/Berlin");
        if (raw == null) {
            return homeamp.has("time-zone") ? null : ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(raw.strip());
        } catch (DateTimeException e) {
            homeamp.problem("time-zone", raw, "is not a time zone",
                    "write a region name such as Europe/Berlin or UTC (list: timedatectl list-timezones)");
            return null;
        }
    }

    SimulatorSettings simulator() {
        ConfigMap simulator = homeamp.map("simulator", java.util.List.of("hosts-dir"), "{ hosts-dir: simulator }");
        if (simulator == null) {
            return null;
        }
        if (!simulator.has("hosts-dir")) {
            simulator.missing("hosts-dir", "simulator");
            return null;
        }
        String raw = simulator.string("hosts-dir", "simulator");
        Path hostsDir = paths.path(simulator, "hosts-dir", "simulator");
        if (hostsDir != null && !Files.isDirectory(hostsDir)) {
            simulator.problem("hosts-dir", raw, "does not exist" + ConfigPaths.resolvedNote(raw, hostsDir),
                    "run 'homeamp demo --fresh' again to rebuild the demo, or remove the simulator section");
            return null;
        }
        return hostsDir == null ? null : new SimulatorSettings(hostsDir);
    }
}
