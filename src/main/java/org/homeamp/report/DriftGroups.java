package org.homeamp.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.homeamp.approval.PlanBuilder;
import org.homeamp.drift.StoredFinding;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

/**
 * The model of {@code drift.html}: findings grouped instance → file → key, each file with a unified
 * diff. The diff compares two canonical listings built from the findings, one {@code key: value}
 * line per compared key, expected side against actual side: the report never holds the files
 * themselves, and secret values in the findings are fingerprints already, so the diff cannot leak them.
 */
public final class DriftGroups {
    /** One table row. {@code changeId} is empty when the finding is not fixable through the workbook. */
    public record Row(String changeId, String id, String key, String kind, String state, String expected, String actual, String firstSeen,
            String message) {
    }

    /**
     * One line of a unified diff with its CSS class: {@code expected} ({@code -} lines, the baseline's side), {@code actual}
     * ({@code +} lines, the instance's side), {@code hunk}, {@code head}, {@code ctx}. The sides take the classes of the
     * table's Expected and Actual cells, so one colour means one side on the whole page.
     */
    public record DiffLine(String css, String text) {
    }

    /** One file of an instance. */
    public record FileGroup(String file, String anchor, List<Row> rows, List<DiffLine> diff) {
    }

    /** One instance; {@code page} is its own page's file name when drift.html is split. */
    public record InstanceGroup(String server, String instance, String anchor, String page, int findings, List<FileGroup> files) {
    }

    private DriftGroups() {
    }

    static List<InstanceGroup> group(List<StoredFinding> findings) {
        Map<String, Map<String, List<StoredFinding>>> byInstance = new LinkedHashMap<>();
        for (StoredFinding f : findings) {
            byInstance.computeIfAbsent(f.server() + "\u0000" + f.instance(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(f.file(), k -> new ArrayList<>()).add(f);
        }
        Map<String, Integer> pageNames = new LinkedHashMap<>();
        for (String k : byInstance.keySet()) {
            pageNames.merge(slug(k.substring(k.indexOf('\u0000') + 1)), 1, Integer::sum);
        }
        List<InstanceGroup> out = new ArrayList<>();
        for (var instance : byInstance.entrySet()) {
            String server = instance.getKey().substring(0, instance.getKey().indexOf('\u0000'));
            String name = instance.getKey().substring(instance.getKey().indexOf('\u0000') + 1);
            // drift/<instance>.html; the server joins the name only when two servers have an instance of that name
            String page = pageNames.get(slug(name)) > 1 ? slug(server + "-" + name) : slug(name);
            List<FileGroup> files = new ArrayList<>();
            int count = 0;
            for (var file : instance.getValue().entrySet()) {
                List<Row> rows = new ArrayList<>();
                for (StoredFinding f : file.getValue()) {
                    rows.add(new Row(PlanBuilder.changeId(f).orElse(""), f.id(), f.keyShown(), f.kind().name(), f.state().name(),
                            f.expected(), f.actual(), f.firstSeen().toString(), describe(f)));
                    count++;
                }
                files.add(new FileGroup(file.getKey(), "f-" + slug(server + "-" + name + "-" + file.getKey()), rows, diff(file.getKey(), file.getValue())));
            }
            out.add(new InstanceGroup(server, name, "i-" + slug(server + "-" + name), page + ".html", count, files));
        }
        return out;
    }

    private static String describe(StoredFinding f) {
        if (f.message() == null) {
            return "";
        }
        return f.line() == null ? f.message() : "line " + f.line() + ": " + f.message();
    }

    /** Unified diff of the file's compared keys, expected against actual; empty when no key was compared. */
    static List<DiffLine> diff(String file, List<StoredFinding> findings) {
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        findings.stream().filter(f -> !f.resolved() && f.key() != null && !f.key().isEmpty())
                .sorted((a, b) -> a.key().compareTo(b.key()))
                .forEach(f -> {
                    if (f.expected() != null) {
                        expected.add(f.key() + ": " + f.expected());
                    }
                    if (f.actual() != null) {
                        actual.add(f.key() + ": " + f.actual());
                    }
                });
        if (expected.isEmpty() && actual.isEmpty()) {
            return List.of();
        }
        Patch<String> patch = DiffUtils.diff(expected, actual);
        List<DiffLine> lines = new ArrayList<>();
        for (String l : UnifiedDiffUtils.generateUnifiedDiff("expected/" + file, "actual/" + file, expected, patch, 3)) {
            String css = l.startsWith("+++") || l.startsWith("---") ? "head"
                    : l.startsWith("@@") ? "hunk" : l.startsWith("+") ? "actual" : l.startsWith("-") ? "expected" : "ctx";
            lines.add(new DiffLine(css, l));
        }
        return lines;
    }

    /** A file and anchor name made of letters, digits, dots, dashes and underscores. */
    static String slug(String s) {
        String cleaned = s.replaceAll("[^A-Za-z0-9._-]+", "_");
        return cleaned.isEmpty() || cleaned.startsWith(".") ? "_" + cleaned : cleaned;
    }
}
