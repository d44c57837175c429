package org.homeamp.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.homeamp.approval.UpdateResultRow;

/**
 * One row of {@code updates.html}: a plugin's result that is the same on several instances (same
 * installed and latest version, state, staging), with those instances listed together, so the page
 * is as long as the plugins, not as instances × plugins, and fits a normal screen.
 *
 * @param stagedPath    the staged jar relative to the state dir ({@code staging/LuckPerms/5.4.2/…}), or {@code null}
 * @param stagingReason why the download was refused or failed, or {@code null}
 */
public record PluginUpdateRow(String plugin, String installed, String latest, String state, String channel, String source,
        String published, String checksumShown, String checksumShort, String staged, String stagedPath, String reason,
        String stagingReason, String changelogUrl, Long fileSize, List<Instance> instances) {

    /** One instance the row applies to, with the workbook change id of its plugin-update row ({@code ""} when none). */
    public record Instance(String server, String instance, String changeId) {
    }

    /** Rows in plugin order; the instances of each in the order the views come (server, instance). */
    static List<PluginUpdateRow> group(List<UpdateView> views) {
        Map<List<Object>, List<UpdateView>> byResult = new LinkedHashMap<>();
        views.stream().sorted((a, b) -> String.valueOf(a.result().plugin()).compareToIgnoreCase(String.valueOf(b.result().plugin())))
                .forEach(v -> byResult.computeIfAbsent(identity(v), k -> new ArrayList<>()).add(v));
        List<PluginUpdateRow> rows = new ArrayList<>();
        for (List<UpdateView> same : byResult.values()) {
            UpdateView first = same.get(0);
            UpdateResultRow u = first.result();
            List<Instance> instances = same.stream().map(v -> new Instance(v.result().server(), v.result().instance(), v.changeId())).toList();
            rows.add(new PluginUpdateRow(u.plugin(), u.installed(), u.latest(), u.state(), u.channel(), u.source(), u.published(),
                    u.checksumShown(), u.checksumShort(), u.staged(), first.stagedPath(), u.reason(), first.stagingReason(), u.changelogUrl(),
                    u.fileSize(), instances));
        }
        return rows;
    }

    private static List<Object> identity(UpdateView v) {
        UpdateResultRow u = v.result();
        List<Object> key = new ArrayList<>();
        for (Object o : new Object[] {u.plugin(), u.installed(), u.latest(), u.state(), u.channel(), u.source(), u.published(), u.checksumShown(),
                u.staged(), v.stagedPath(), u.reason(), v.stagingReason(), u.changelogUrl(), u.fileSize()}) {
            key.add(Objects.requireNonNullElse(o, ""));
        }
        return key;
    }

    /** A stored staging path relative to the state dir when it lies inside it; as stored otherwise. */
    static String relative(String stored, Path stateDir) {
        if (stored == null) {
            return null;
        }
        Path p = Path.of(stored);
        Path root = stateDir.toAbsolutePath().normalize();
        Path abs = p.isAbsolute() ? p.normalize() : p;
        return abs.startsWith(root) ? root.relativize(abs).toString() : stored;
    }
}
