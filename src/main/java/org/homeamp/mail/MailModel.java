package org.homeamp.mail;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.homeamp.approval.UpdateResultRow;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.drift.StoredFinding;
import org.homeamp.report.ProblemRow;
import org.homeamp.report.ReportQueries;
import org.homeamp.report.ReportSummary;
import org.homeamp.report.ReportWriter;
import org.homeamp.report.RunGap;
import org.homeamp.report.ShownTime;

/**
 * The data model of the mail templates ({@code mail.ftlh}, {@code mail-text.ftl}): counts, what is
 * missing when the run is incomplete, and the top of what is pending (drift, updates, problems), so
 * the mail tells what to look at without opening the report.
 */
public final class MailModel {
    /** Rows listed per table; the rest is in the report. */
    static final int LISTED = 20;

    /** Whether the run's work is whole. */
    public enum Status {
        COMPLETE(""),
        INCOMPLETE(" (incomplete)"),
        COMPLETED_AFTER_RESTART(" (completed after restart)");

        private final String subjectMark;

        Status(String subjectMark) {
            this.subjectMark = subjectMark;
        }

        String subjectMark() {
            return subjectMark;
        }
    }

    /** One missing (or, in a follow-up, completed) piece of work, as the mail shows it. */
    public record Gap(String server, String step, String reason, String since, String resolved) {
    }

    /** One pending plugin update, its instances listed together. */
    public record PendingUpdate(String plugin, String installed, String latest, String staged, String instances) {
    }

    private final HomeAmpSettings settings;
    private final ReportQueries queries;
    private final Clock clock;

    MailModel(HomeAmpSettings settings, ReportQueries queries, Clock clock) {
        this.settings = settings;
        this.queries = queries;
        this.clock = clock;
    }

    /** @param workbook the attached workbook, or {@code null} when there is none */
    Map<String, Object> build(ReportSummary summary, Status status, long runId, LocalDate date, Path workbook) {
        Map<String, Object> model = new HashMap<>();
        model.put("summary", summary);
        model.put("date", date.toString());
        model.put("status", status.name());
        model.put("generated", ShownTime.format(clock.instant(), settings.timeZone()));
        String base = settings.reports().baseUrl();
        model.put("reportUrl", base == null ? "" : base + date + "/index.html");
        model.put("driftUrl", base == null ? "" : base + date + "/drift.html");
        model.put("updatesUrl", base == null ? "" : base + date + "/updates.html");
        model.put("problemsUrl", base == null ? "" : base + date + "/problems.html");
        model.put("reportFolder", ReportWriter.folder(settings, date).toString());
        model.put("workbook", workbook == null ? "" : workbook.getFileName().toString());
        List<RunGap> gaps = status == Status.COMPLETED_AFTER_RESTART ? queries.gaps().of(date) : queries.gaps().open(date);
        model.put("gaps", gaps.stream().map(this::gap).toList());
        model.put("routing", queries.routing().of(date));
        List<StoredFinding> drift = queries.findings(runId, date).stream().filter(f -> !f.resolved())
                .sorted(Comparator.comparing((StoredFinding f) -> !f.isNew())).toList();
        listed(model, "drift", drift);
        listed(model, "updates", pending(queries.updates(runId, date)));
        List<ProblemRow> problems = queries.problems(runId, date);
        listed(model, "problems", problems);
        return model;
    }

    private Gap gap(RunGap g) {
        return new Gap(g.server(), g.step(), g.reason(), ShownTime.format(g.recordedAt(), settings.timeZone()),
                ShownTime.format(g.resolvedAt(), settings.timeZone()));
    }

    private static void listed(Map<String, Object> model, String name, List<?> rows) {
        model.put(name, rows.subList(0, Math.min(LISTED, rows.size())));
        String more = "more" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        model.put(more, Math.max(0, rows.size() - LISTED));
    }

    /** Available updates, one row per plugin and version step, the instances joined. */
    static List<PendingUpdate> pending(List<UpdateResultRow> updates) {
        Map<List<String>, List<UpdateResultRow>> byPlugin = new LinkedHashMap<>();
        updates.stream().filter(UpdateResultRow::pending)
                .sorted(Comparator.comparing((UpdateResultRow u) -> u.plugin() == null ? "" : u.plugin()))
                .forEach(u -> byPlugin.computeIfAbsent(List.of(String.valueOf(u.plugin()), String.valueOf(u.installed()),
                        String.valueOf(u.latest()), String.valueOf(u.staged())), k -> new ArrayList<>()).add(u));
        List<PendingUpdate> out = new ArrayList<>();
        byPlugin.forEach((k, rows) -> out.add(new PendingUpdate(k.get(0), k.get(1), k.get(2), k.get(3),
                rows.stream().map(u -> u.server() + "/" + u.instance()).collect(Collectors.joining(", ")))));
        return out;
    }

    /** {@code ovh (update-check)} for a log line. */
    static String gapList(List<RunGap> gaps) {
        return gaps.stream().map(g -> g.server() + " (" + g.step() + ")").collect(Collectors.joining(", "));
    }
}
