package org.homeamp.inventory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.homeamp.batch.Problems;
import org.homeamp.batch.Problems.Problem;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes inspected jars into the inventory ({@code plugin_jar}), with history: a new file is ADDED,
 * other bytes under the same name are CHANGED, and first/last seen dates are kept. Runs inside the
 * chunk's transaction, together with the reader's checkpoint, so every jar is written exactly once
 * even across a crash.
 */
class InventoryWriter implements ItemWriter<InspectedJar> {
    private final JdbcTemplate jdbc;
    private final Problems problems;
    private final long runId;
    private final LocalDate date;

    InventoryWriter(JdbcTemplate jdbc, Problems problems, long runId, LocalDate date) {
        this.jdbc = jdbc;
        this.problems = problems;
        this.runId = runId;
        this.date = date;
    }

    private record Previous(String sha256, String version, LocalDate removedOn) {
    }

    @Override
    public void write(Chunk<? extends InspectedJar> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        WorkItem first = chunk.getItems().get(0).item();
        Map<String, Previous> previous = new HashMap<>();
        jdbc.query("SELECT file_name, sha256, version, removed_on FROM plugin_jar WHERE server = ? AND instance_name = ?",
                rs -> {
                    previous.put(rs.getString(1), new Previous(rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class)));
                }, first.server(), first.instanceName());
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> events = new ArrayList<>();
        for (InspectedJar j : chunk.getItems()) {
            WorkItem w = j.item();
            PluginDescriptor d = j.descriptor();
            Object[] values = {j.size(), j.sha1(), j.sha256(), j.sha512(), j.status().name(), j.problem(),
                    d == null ? null : d.type(), d == null ? null : cut(d.name(), 256), d == null ? null : cut(d.version(), 256),
                    d == null ? null : cut(d.main(), 512), d == null ? null : cut(d.apiVersion(), 64),
                    d == null ? null : cut(String.join(", ", d.authors()), 1024), d == null ? null : cut(d.website(), 1024)};
            String version = d == null ? null : d.version();
            Previous prev = previous.get(w.fileName());
            if (prev == null) {
                inserts.add(concat(new Object[] {w.server(), w.instanceName(), w.fileName()}, values, new Object[] {date, date, runId}));
                events.add(new Object[] {date, w.server(), w.instanceName(), w.fileName(), "ADDED", null, version, null, j.sha256()});
            } else {
                updates.add(concat(values, new Object[] {date, runId, w.server(), w.instanceName(), w.fileName()}));
                if (prev.removedOn() != null) {
                    events.add(new Object[] {date, w.server(), w.instanceName(), w.fileName(), "ADDED", null, version, null, j.sha256()});
                } else if (j.sha256() != null && !Objects.equals(prev.sha256(), j.sha256())) {
                    events.add(new Object[] {date, w.server(), w.instanceName(), w.fileName(), "CHANGED", prev.version(), version,
                            prev.sha256(), j.sha256()});
                }
            }
            if (j.status() != JarStatus.OK) {
                problems.record(runId, date, DiscoveryPlanner.JOB, new Problem(w.server(), w.instanceName(), w.path(),
                        j.status() == JarStatus.NO_DESCRIPTOR ? "NO_DESCRIPTOR" : j.status() == JarStatus.UNREADABLE ? "UNREADABLE" : "CORRUPT_JAR",
                        j.problem()));
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO plugin_jar (server, instance_name, file_name, size_bytes, sha1, sha256, sha512, status, problem, descriptor,
                        plugin_name, version, main_class, api_version, authors, website, first_seen, last_seen, last_run)
                    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""", inserts);
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate("""
                    UPDATE plugin_jar SET size_bytes = ?, sha1 = ?, sha256 = ?, sha512 = ?, status = ?, problem = ?, descriptor = ?,
                        plugin_name = ?, version = ?, main_class = ?, api_version = ?, authors = ?, website = ?, last_seen = ?,
                        last_run = ?, removed_on = NULL
                     WHERE server = ? AND instance_name = ? AND file_name = ?""", updates);
        }
        if (!events.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO inventory_event (run_date, server, instance_name, file_name, event, old_version, new_version, old_sha256, new_sha256)
                    VALUES (?,?,?,?,?,?,?,?,?)""", events);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static Object[] concat(Object[]... parts) {
        List<Object> all = new ArrayList<>();
        for (Object[] p : parts) {
            all.addAll(java.util.Arrays.asList(p));
        }
        return all.toArray();
    }
}
