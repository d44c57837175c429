package org.homeamp.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The update results of one instance, for {@code updates.html} split into one page per instance.
 *
 * @param page the instance page's file name inside {@code updates/}
 */
public record UpdateGroup(String server, String instance, String page, long pending, List<UpdateView> rows) {

    static List<UpdateGroup> group(List<UpdateView> views) {
        Map<List<String>, List<UpdateView>> byInstance = new LinkedHashMap<>();
        for (UpdateView v : views) {
            byInstance.computeIfAbsent(List.of(v.result().server(), v.result().instance()), k -> new ArrayList<>()).add(v);
        }
        Map<String, Integer> names = new LinkedHashMap<>();
        byInstance.keySet().forEach(k -> names.merge(DriftGroups.slug(k.get(1)), 1, Integer::sum));
        List<UpdateGroup> out = new ArrayList<>();
        byInstance.forEach((k, rows) -> {
            // the server joins the name only when two servers have an instance of that name, as for drift pages
            String page = names.get(DriftGroups.slug(k.get(1))) > 1 ? DriftGroups.slug(k.get(0) + "-" + k.get(1)) : DriftGroups.slug(k.get(1));
            out.add(new UpdateGroup(k.get(0), k.get(1), page + ".html", rows.stream().filter(v -> v.result().pending()).count(), rows));
        });
        return out;
    }
}
