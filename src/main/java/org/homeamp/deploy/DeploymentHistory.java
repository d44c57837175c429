package org.homeamp.deploy;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.homeamp.config.HomeAmpSettings;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code homeamp history}: deployments and rollbacks, newest first, and one deployment row by row;
 * as text for people (times in the configured time zone) or JSON for scripts.
 */
@Component
public class DeploymentHistory {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final DeploymentStore store;
    private final ZoneId zone;

    public DeploymentHistory(DeploymentStore store, HomeAmpSettings settings) {
        this.store = store;
        this.zone = settings.timeZone();
    }

    /** One line of the list. */
    public record Entry(String id, String kind, String undoes, String plan, String started, String finished, String runBy, int instances,
            long applied, long refused, long failed, long rolledBack, String result) {
    }

    public List<Entry> list(int limit) {
        List<Entry> out = new ArrayList<>();
        for (Deployment d : store.recent(limit)) {
            DeploySummary s = DeploySummary.of(store, d.id());
            out.add(new Entry(d.id(), d.kind(), d.undoes(), d.planId(), time(d.started()), time(d.finished()), d.runBy(), s.instances().size(),
                    s.count(RowResult.APPLIED), s.count(RowResult.REFUSED), s.count(RowResult.FAILED), s.count(RowResult.ROLLED_BACK),
                    resultWord(d, s)));
        }
        return out;
    }

    public Optional<DeploySummary> one(String id) {
        return store.find(id).map(d -> DeploySummary.of(store, id));
    }

    public String listText(int limit) {
        List<Entry> entries = list(limit);
        if (entries.isEmpty()) {
            return "No deployments yet. Approve rows in a nightly's workbook, then run 'homeamp deploy <workbook>'.";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "KIND", "PLAN", "STARTED", "FINISHED", "RUN BY", "INSTANCES", "APPLIED/REFUSED/FAILED/ROLLED BACK", "RESULT"});
        for (Entry e : entries) {
            rows.add(new String[] {e.id(), e.undoes() == null ? e.kind() : "rollback of " + e.undoes(), nz(e.plan()), nz(e.started()),
                    nz(e.finished()), e.runBy(), String.valueOf(e.instances()),
                    e.applied() + "/" + e.refused() + "/" + e.failed() + "/" + e.rolledBack(), e.result()});
        }
        return table(rows);
    }

    public String oneText(DeploySummary s) {
        Deployment d = s.deployment();
        StringBuilder out = new StringBuilder();
        out.append(d.isRollback() ? "rollback " : "deployment ").append(d.id())
                .append(d.isRollback() ? " of " + d.undoes() : " of plan " + d.planId()).append('\n');
        out.append("  run by ").append(d.runBy()).append(", started ").append(nz(time(d.started()))).append(", finished ")
                .append(nz(time(d.finished()))).append(", result ").append(resultWord(d, s)).append('\n');
        Map<String, OffsetDateTime> pruned = store.prunedBackups(d.id());
        for (DeployedInstance i : s.instances()) {
            out.append("  ").append(i.label()).append(": ").append(i.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                    .append(", ").append(i.restarts()).append(" restart(s)")
                    .append(pruned.containsKey(i.label()) ? ", backup pruned " + time(pruned.get(i.label())) + " (deploy.keep-backups-days)" : "")
                    .append(i.reason() == null ? "" : " — " + i.reason()).append('\n');
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"CHANGE ID", "INSTANCE", "FILE", "SETTING", "APPROVED BY", "SHA256 BEFORE -> AFTER", "RESULT", "REASON"});
        for (DeployRow r : s.rows()) {
            rows.add(new String[] {r.changeId(), r.server() == null ? "" : r.server() + "/" + r.instance(), nz(r.file()), nz(r.setting()),
                    nz(r.approvedBy()), abbrev(r.sha256Before()) + " -> " + abbrev(r.sha256After()), r.result().name(), nz(r.reason())});
        }
        return out.append(table(rows)).toString();
    }

    public String listJson(int limit) {
        return JSON.writeValueAsString(Map.of("format_version", 1, "deployments", list(limit)));
    }

    public String oneJson(DeploySummary s) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format_version", 1);
        Deployment d = s.deployment();
        doc.put("id", d.id());
        doc.put("kind", d.kind());
        doc.put("undoes", d.undoes());
        doc.put("plan", d.planId());
        doc.put("run_by", d.runBy());
        doc.put("started", time(d.started()));
        doc.put("finished", time(d.finished()));
        doc.put("result", resultWord(d, s));
        doc.put("instances", s.instances().stream().map(i -> Map.of("server", i.server(), "instance", i.instance(), "state", i.state().name(),
                "restarts", i.restarts(), "reason", nz(i.reason()))).toList());
        doc.put("rows", s.rows().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("change_id", r.changeId());
            m.put("server", r.server());
            m.put("instance", r.instance());
            m.put("type", r.type() == null ? null : r.type().label());
            m.put("file", r.file());
            m.put("setting", r.setting());
            m.put("approved_by", r.approvedBy());
            m.put("sha256_before", r.sha256Before());
            m.put("sha256_after", r.sha256After());
            m.put("result", r.result().name());
            m.put("reason", r.reason());
            return m;
        }).toList());
        return JSON.writeValueAsString(doc);
    }

    static String resultWord(Deployment d, DeploySummary s) {
        return switch (d.result()) {
            case Deployment.COMPLETED -> "ok";
            case Deployment.COMPLETED_WITH_PROBLEMS -> s.count(RowResult.ROLLED_BACK) > 0 ? "rolled back" : "with refusals";
            case Deployment.FAILED -> "failed (restartable)";
            default -> "running";
        };
    }

    private String time(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(zone).format(TIME);
    }

    private static String abbrev(String sha) {
        return sha == null ? "-" : sha.substring(0, 12);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String table(List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.min(Math.max(width[i], r[i].length()), 60);
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                String cell = i < r.length - 1 && r[i].length() > 60 ? r[i].substring(0, 57) + "..." : r[i];
                line.append(i < r.length - 1 ? String.format("%-" + width[i] + "s  ", cell) : cell);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
