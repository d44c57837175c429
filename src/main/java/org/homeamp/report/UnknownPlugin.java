package org.homeamp.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.homeamp.approval.UpdateResultRow;

/**
 * A plugin installed somewhere that has no registry entry, so nobody checks its updates. Listed on
 * problems.html with the command that drafts the missing registry file.
 *
 * @param instances {@code server/instance} of every instance that has it
 */
public record UnknownPlugin(String plugin, String installed, List<String> instances) {

    /** The UNKNOWN_SOURCE results without a registry entry (a {@code source: manual} entry is known), one per plugin and version. */
    static List<UnknownPlugin> of(List<UpdateResultRow> updates) {
        Map<List<String>, List<String>> byPlugin = new LinkedHashMap<>();
        updates.stream()
                .filter(u -> "UNKNOWN_SOURCE".equals(u.state()) && (u.source() == null || u.source().isBlank()))
                .sorted((a, b) -> String.valueOf(a.plugin()).compareToIgnoreCase(String.valueOf(b.plugin())))
                .forEach(u -> byPlugin.computeIfAbsent(List.of(String.valueOf(u.plugin()), String.valueOf(u.installed())), k -> new ArrayList<>())
                        .add(u.server() + "/" + u.instance()));
        List<UnknownPlugin> out = new ArrayList<>();
        byPlugin.forEach((k, instances) -> out.add(new UnknownPlugin(k.get(0), k.get(1), List.copyOf(instances))));
        return out;
    }
}
