package org.homeamp.updates.registry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.homeamp.config.ConfigException;

/**
 * The loaded registry: the valid entries and every problem found. Built by {@link RegistryLoader}.
 * Entries with problems are left out, so {@code registry check} can still report the rest, but a run
 * must call {@link #requireValid()} and refuse to start on a broken registry.
 */
public final class Registry {
    private final Path dir;
    private final Map<String, RegistryEntry> byName = new LinkedHashMap<>();
    private final List<RegistryProblem> problems;

    Registry(Path dir, List<RegistryEntry> entries, List<RegistryProblem> problems) {
        this.dir = dir;
        for (RegistryEntry entry : entries) {
            byName.putIfAbsent(key(entry.name()), entry);
        }
        this.problems = List.copyOf(problems);
    }

    /** The registry folder this was read from. */
    public Path dir() {
        return dir;
    }

    /** The entry for a plugin, matching its descriptor name ignoring case. */
    public Optional<RegistryEntry> find(String pluginName) {
        return pluginName == null ? Optional.empty() : Optional.ofNullable(byName.get(key(pluginName)));
    }

    /** All valid entries, in file name order. */
    public List<RegistryEntry> entries() {
        return List.copyOf(byName.values());
    }

    /** Every problem found, in file and line order. */
    public List<RegistryProblem> problems() {
        return problems;
    }

    /** True when no problem was found. */
    public boolean isValid() {
        return problems.isEmpty();
    }

    /**
     * Returns this registry when it has no problems.
     *
     * @throws ConfigException (exit 2) listing every problem, one line each
     */
    public Registry requireValid() {
        if (!problems.isEmpty()) {
            List<String> lines = new ArrayList<>();
            lines.add("The plugin registry in " + dir + " has " + problems.size()
                    + " problem(s); run 'homeamp registry check' after fixing them:");
            problems.forEach(p -> lines.add(p.toString()));
            throw new ConfigException(lines);
        }
        return this;
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
