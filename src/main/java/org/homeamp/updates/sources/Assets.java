package org.homeamp.updates.sources;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.homeamp.updates.registry.RegistryEntry;

/**
 * Picks the one file of a release that is the plugin: by the entry's {@code asset} regex (whole name),
 * never a {@code -sources}, {@code -javadoc} or {@code -api} jar; without a regex, the only jar left, or
 * among several the one naming the platform, else the first.
 */
final class Assets {
    private static final Pattern NEVER = Pattern.compile("(?i).*-(sources|javadoc|api)(-[^.]*)?\\.jar$");

    private Assets() {
    }

    static <T> T choose(List<T> files, Function<T, String> name, RegistryEntry entry) {
        List<T> usable = new ArrayList<>();
        for (T file : files) {
            String fileName = name.apply(file);
            if (fileName == null || NEVER.matcher(fileName).matches()) {
                continue;
            }
            if (entry.asset() != null ? entry.assetPattern().matcher(fileName).matches()
                    : fileName.toLowerCase(Locale.ROOT).endsWith(".jar")) {
                usable.add(file);
            }
        }
        if (usable.size() <= 1 || entry.asset() != null) {
            return usable.isEmpty() ? null : usable.get(0);
        }
        String platform = entry.platform() == null ? "" : entry.platform().toLowerCase(Locale.ROOT);
        for (String hint : List.of(platform, "paper", "bukkit", "spigot")) {
            for (T file : usable) {
                if (!hint.isEmpty() && name.apply(file).toLowerCase(Locale.ROOT).contains(hint)) {
                    return file;
                }
            }
        }
        return usable.get(0);
    }
}
