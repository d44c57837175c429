package org.homeamp.report;

import org.homeamp.config.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.homeamp.approval.ApprovalWorkbookWriter;
import org.homeamp.approval.JdbcPlanStore;
import org.homeamp.approval.Plan;
import org.homeamp.approval.PlanBuilder;
import org.homeamp.approval.UpdateResultRow;
import org.homeamp.approval.WrittenWorkbook;
import org.homeamp.batch.JobParams;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.drift.StoredFinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code report} step (SPEC §9): renders a run's pages into {@code <state-dir>/reports/<date>/},
 * builds the approvals plan, writes its workbook and stores the plan, deletes runs older than
 * {@code reports.keep-days}, and rewrites the pages beside the runs ({@link ReportRootPages}: the
 * list of runs and the deployment pages).
 *
 * <p>Restartable and idempotent: everything is written into a staging folder inside the date folder
 * first and renamed into place at the end, so a crash leaves the previous files or the new ones,
 * never half a page; running the step again overwrites the same names. The plan is stored in the
 * step's transaction just before the renames. A crash after the renames but before the commit
 * leaves a workbook whose plan is unknown; deploy refuses it, and the restart writes both again.
 */
public final class ReportWriter implements Tasklet {
    /** A page larger than this is split into one page per instance. */
    public static final long DEFAULT_SPLIT_BYTES = 2_000_000;
    /** Problem kind the download step records for a refused or failed download; its path is the file URL. */
    static final String DOWNLOAD_REFUSED = "DOWNLOAD_REFUSED";
    /** Folders of per-instance pages, used when a page is split. */
    private static final List<String> SPLIT_FOLDERS = List.of("drift", "updates");
    private static final Logger log = LoggerFactory.getLogger(ReportWriter.class);

    private final HomeAmpSettings settings;
    private final ReportQueries queries;
    private final ReportTemplates templates;
    private final Supplier<ApprovalWorkbookWriter> workbookWriter;
    private final Supplier<JdbcPlanStore> planStore;
    private final ReportRootPages rootPages;
    private final Clock clock;
    private final long splitBytes;

    /**
     * @param workbookWriter and {@code planStore} are asked for on first use: they read (or create)
     *                       the signing key, which only a run that writes a workbook needs
     */
    public ReportWriter(HomeAmpSettings settings, ReportQueries queries, ReportTemplates templates, Supplier<ApprovalWorkbookWriter> workbookWriter,
            Supplier<JdbcPlanStore> planStore, ReportRootPages rootPages, Clock clock, long splitBytes) {
        this.settings = settings;
        this.queries = queries;
        this.templates = templates;
        this.workbookWriter = workbookWriter;
        this.planStore = planStore;
        this.rootPages = rootPages;
        this.clock = clock;
        this.splitBytes = splitBytes;
    }

    /** Folder of a date's report. */
    public static Path folder(HomeAmpSettings settings, LocalDate date) {
        return settings.stateDir().resolve("reports").resolve(date.toString());
    }

    /** The approvals workbook of a date. */
    public static Path workbook(HomeAmpSettings settings, LocalDate date) {
        return folder(settings, date).resolve(workbookName(date));
    }

    static String workbookName(LocalDate date) {
        return "approvals-" + date + ".xlsx";
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        long runId = step.getJobExecution().getJobInstance().getInstanceId();
        LocalDate date = JobParams.date(step.getJobParameters());
        try {
            write(runId, date);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report under " + folder(settings, date) + ": " + e.getMessage()
                    + ". Fix: check free disk space and permissions, then run homeamp restart", e);
        }
        return RepeatStatus.FINISHED;
    }

    void write(long runId, LocalDate date) throws IOException {
        Path root = settings.stateDir().resolve("reports");
        Path dir = folder(settings, date);
        Files.createDirectories(dir);
        removeLeftovers(dir);
        Path staging = Files.createTempDirectory(dir, ".report-");
        try {
            List<StoredFinding> findings = queries.findings(runId, date);
            List<ProblemRow> problems = queries.problems(date, findings);
            List<UpdateResultRow> updates = queries.updates(runId, date);
            ReportSummary summary = queries.summary(runId, date, findings, problems, updates);
            Instant now = clock.instant();
            Map<String, String> refusals = refusals(problems);
            Plan plan = PlanBuilder.build(Plan.newPlanId(date), now, settings.plans().expireDays(), findings, updates, refusals);

            WrittenWorkbook workbook = workbookWriter.get().write(plan, staging.resolve(workbookName(date)));
            Map<String, Object> model = new HashMap<>();
            model.put("summary", summary);
            model.put("date", date.toString());
            model.put("generated", ShownTime.format(now, settings.timeZone()));
            model.put("planId", plan.planId());
            model.put("expires", ShownTime.format(plan.expires(), settings.timeZone()));
            putGaps(model, date);
            model.put("routing", queries.routing().of(date));
            model.put("changes", plan.changes().size());
            model.put("workbook", workbookName(date));
            model.put("updatesChecked", queries.updatesChecked());
            model.put("base", "");
            model.put("since", rootPages.sincePreviousRun(date, now));
            // drift.json is written by drift-scan: a report run on its own for a date without a scan has none to link
            model.put("driftJson", Files.exists(dir.resolve("drift.json")));
            List<DriftGroups.InstanceGroup> groups = DriftGroups.group(findings);
            List<UpdateView> updateViews = views(updates, refusals);

            model.put("trendSvg", TrendChart.svg(queries.trend(date)));
            render("index.ftlh", model, staging.resolve("index.html"));
            writeDrift(model, groups, staging);
            writeUpdates(model, updateViews, staging);
            model.put("problems", problems);
            model.put("unknownPlugins", UnknownPlugin.of(updates));
            render("problems.ftlh", model, staging.resolve("problems.html"));

            planStore.get().save(plan, workbook.sha256());
            publish(staging, dir);
            deleteExpiredRuns(root, date);
            rootPages.write();
            log.info("report: {} ({} new, {} open, {} resolved drift, {} pending updates, {} problems); workbook {} with {} changes, plan {}",
                    dir.resolve("index.html"), summary.newDrift(), summary.openDrift(), summary.resolvedDrift(), summary.pendingUpdates(),
                    summary.problems(), dir.resolve(workbookName(date)), plan.changes().size(), plan.planId());
        } finally {
            AtomicFiles.deleteTree(staging);
        }
    }

    /**
     * Open gaps mark every page incomplete (the layout's banner); gaps that a restart resolved are
     * named on the summary page, so the reader knows this report was completed later.
     */
    private void putGaps(Map<String, Object> model, LocalDate date) {
        List<GapView> open = new ArrayList<>();
        List<GapView> resolved = new ArrayList<>();
        for (RunGap g : queries.gaps().of(date)) {
            GapView v = new GapView(g.server(), g.step(), g.reason(), ShownTime.format(g.recordedAt(), settings.timeZone()),
                    ShownTime.format(g.resolvedAt(), settings.timeZone()));
            (g.open() ? open : resolved).add(v);
        }
        model.put("gaps", open);
        model.put("resolvedGaps", open.isEmpty() ? resolved : List.of());
    }

    /** A gap as the pages show it, times already in the configured zone. */
    public record GapView(String server, String step, String reason, String since, String resolved) {
    }

    /** Writes drift.html, split into drift/&lt;instance&gt;.html pages when it would be too large to open comfortably. */
    private void writeDrift(Map<String, Object> model, List<DriftGroups.InstanceGroup> groups, Path staging) throws IOException {
        Map<String, Object> whole = new HashMap<>(model);
        whole.put("groups", groups);
        whole.put("split", false);
        Path page = staging.resolve("drift.html");
        render("drift.ftlh", whole, page);
        if (Files.size(page) <= splitBytes || groups.size() < 2) {
            return;
        }
        Map<String, Object> overview = new HashMap<>(model);
        overview.put("groups", groups);
        overview.put("split", true);
        render("drift.ftlh", overview, page);
        for (DriftGroups.InstanceGroup g : groups) {
            Map<String, Object> one = new HashMap<>(model);
            one.put("groups", List.of(g));
            one.put("split", false);
            one.put("base", "../");
            one.put("instancePage", true);
            render("drift.ftlh", one, staging.resolve("drift").resolve(g.page()));
        }
        log.info("report: drift.html would pass {} bytes; split into {} instance pages", splitBytes, groups.size());
    }

    /** Why a download was refused, by file URL: the download step records it as a problem whose path is the URL. */
    private static Map<String, String> refusals(List<ProblemRow> problems) {
        Map<String, String> refusals = new HashMap<>();
        for (ProblemRow p : problems) {
            if (DOWNLOAD_REFUSED.equals(p.kind()) && p.path() != null) {
                refusals.putIfAbsent(p.path(), p.message());
            }
        }
        return refusals;
    }

    /** The update results with their change ids, staging paths relative to the state dir, and the reason of a refused download. */
    private List<UpdateView> views(List<UpdateResultRow> updates, Map<String, String> refusals) {
        return updates.stream().map(u -> new UpdateView(u, PlanBuilder.changeId(u).orElse(""),
                PluginUpdateRow.relative(u.stagedPath(), settings.stateDir()),
                "FAILED".equals(u.staged()) && u.fileUrl() != null ? refusals.get(u.fileUrl()) : null)).toList();
    }

    /** Writes updates.html, split into updates/&lt;instance&gt;.html pages like drift.html. */
    private void writeUpdates(Map<String, Object> model, List<UpdateView> views, Path staging) throws IOException {
        Map<String, Object> whole = new HashMap<>(model);
        whole.put("updates", views);
        whole.put("pluginRows", PluginUpdateRow.group(views));
        whole.put("split", false);
        Path page = staging.resolve("updates.html");
        render("updates.ftlh", whole, page);
        List<UpdateGroup> groups = UpdateGroup.group(views);
        if (Files.size(page) <= splitBytes || groups.size() < 2) {
            return;
        }
        Map<String, Object> overview = new HashMap<>(model);
        overview.put("updates", views);
        overview.put("updateGroups", groups);
        overview.put("split", true);
        render("updates.ftlh", overview, page);
        for (UpdateGroup g : groups) {
            Map<String, Object> one = new HashMap<>(model);
            one.put("updates", g.rows());
            one.put("pluginRows", PluginUpdateRow.group(g.rows()));
            one.put("split", false);
            one.put("base", "../");
            one.put("instancePage", true);
            one.put("instanceName", g.server() + " / " + g.instance());
            render("updates.ftlh", one, staging.resolve("updates").resolve(g.page()));
        }
        log.info("report: updates.html would pass {} bytes; split into {} instance pages", splitBytes, groups.size());
    }

    private void render(String template, Map<String, Object> model, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target); Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            templates.render(template, model, w);
        }
    }

    /**
     * Moves the staged files into the date folder, one atomic rename each, then removes instance pages
     * of an earlier attempt that this one did not write (a run split before and not now, or an
     * instance gone).
     */
    private static void publish(Path staging, Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(staging)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        Set<Path> written = new HashSet<>();
        for (Path f : files) {
            Path target = dir.resolve(staging.relativize(f).toString());
            AtomicFiles.moveIntoPlace(f, target);
            written.add(target);
        }
        for (String folder : SPLIT_FOLDERS) {
            Path pages = dir.resolve(folder);
            if (Files.isDirectory(pages)) {
                try (Stream<Path> old = Files.list(pages)) {
                    for (Path p : old.filter(p -> !written.contains(p)).toList()) {
                        AtomicFiles.deleteTree(p);
                    }
                }
                try (Stream<Path> left = Files.list(pages)) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(pages);
                    }
                }
            }
        }
    }

    /** Staging folders of a crashed earlier attempt. */
    private static void removeLeftovers(Path dir) throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            for (Path p : all.filter(p -> p.getFileName().toString().startsWith(".report-")).toList()) {
                AtomicFiles.deleteTree(p);
            }
        }
    }

    private void deleteExpiredRuns(Path root, LocalDate date) throws IOException {
        LocalDate oldestKept = date.minusDays(settings.reports().keepDays());
        for (Path run : ReportRootPages.runFolders(root)) {
            LocalDate day = LocalDate.parse(run.getFileName().toString());
            if (day.isBefore(oldestKept)) {
                AtomicFiles.deleteTree(run);
                log.info("report: deleted {} (older than reports.keep-days = {})", run, settings.reports().keepDays());
            }
        }
    }
}
