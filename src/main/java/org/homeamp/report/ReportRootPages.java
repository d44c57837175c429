package org.homeamp.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.homeamp.config.AtomicFiles;
import org.homeamp.config.HomeAmpSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pages at the top of {@code <state-dir>/reports/}, beside the date folders: the list of runs
 * ({@code index.html}), every deployment and rollback ({@code deployments.html}) and one page per
 * deployment ({@code deployments/<ID>.html}). Written by every report run and, through
 * {@link #afterDeployment}, when a deploy or rollback job ends, so an operator need not wait for the
 * night to read what a deployment did. Every file is written to a temp file and renamed into place.
 */
public final class ReportRootPages {
    static final String RUNS_PAGE = "index.html";
    /** The list of deployments and rollbacks, in {@code reports/}. */
    public static final String DEPLOYMENTS_PAGE = "deployments.html";
    /** The folder of the per-deployment pages, in {@code reports/}. */
    public static final String DEPLOYMENTS_FOLDER = "deployments";
    /** Deployments listed on the list of runs; the rest is one click away. */
    static final int RECENT_ON_RUNS_PAGE = 5;
    /** A deployment id as the deploy makes them ({@code D-20261203-1}); anything else never becomes a file name. */
    private static final Pattern DEPLOYMENT_ID = Pattern.compile("D-[0-9]{8}-[0-9]+");
    private static final Logger log = LoggerFactory.getLogger(ReportRootPages.class);

    private final HomeAmpSettings settings;
    private final ReportTemplates templates;
    private final DeploymentRecords deployments;
    private final RunGaps gaps;
    private final Clock clock;

    public ReportRootPages(HomeAmpSettings settings, ReportTemplates templates, DeploymentRecords deployments, RunGaps gaps, Clock clock) {
        this.settings = settings;
        this.templates = templates;
        this.deployments = deployments;
        this.gaps = gaps;
        this.clock = clock;
    }

    /** {@code <state-dir>/reports/deployments/<ID>.html}. */
    public static Path deploymentPage(HomeAmpSettings settings, String id) {
        return settings.stateDir().resolve("reports").resolve(DEPLOYMENTS_FOLDER).resolve(id + ".html");
    }

    /**
     * Called when a deploy or rollback has ended (completed, with problems, or failed): rewrites the
     * deployment pages and the list of runs. A page that cannot be written never changes what the
     * deployment did or its exit code: the failure is logged, and the next report run writes the pages.
     */
    public void afterDeployment(String id) {
        try {
            write();
            log.info("deployment {}: report pages updated ({})", id, deploymentPage(settings, id));
        } catch (IOException | RuntimeException e) {
            log.warn("deployment {}: the report pages could not be written ({}); 'homeamp history {}' shows it, and the next report run"
                    + " writes the pages. Fix: check free disk space and permissions of {}", id, e.getMessage(), id,
                    settings.stateDir().resolve("reports"));
        }
    }

    /** Writes the list of runs, the list of deployments and every deployment's page. */
    public void write() throws IOException {
        Path root = settings.stateDir().resolve("reports");
        Files.createDirectories(root);
        String generated = ShownTime.format(clock.instant(), settings.timeZone());
        List<RunEntry> runs = runs(root);
        String latest = runs.isEmpty() ? "" : runs.get(0).date();
        List<DeploymentRecords.Entry> all = deployments.all();

        Set<Path> written = new HashSet<>();
        Path folder = root.resolve(DEPLOYMENTS_FOLDER);
        for (DeploymentRecords.Entry e : all) {
            if (!DEPLOYMENT_ID.matcher(e.id()).matches()) {
                log.warn("report: deployment id {} is not of the form D-<yyyymmdd>-<n>; it gets no page of its own", e.id());
                continue;
            }
            Map<String, Object> model = new HashMap<>();
            model.put("d", deployments.detail(e));
            model.put("generated", generated);
            model.put("latest", latest);
            model.put("sitePage", true);
            Path page = folder.resolve(e.id() + ".html");
            AtomicFiles.writeString(page, templates.render("deployment.ftlh", model));
            written.add(page);
        }
        removeStalePages(folder, written);

        Map<String, Object> list = new HashMap<>();
        list.put("deployments", all);
        list.put("generated", generated);
        list.put("latest", latest);
        list.put("sitePage", true);
        AtomicFiles.writeString(root.resolve(DEPLOYMENTS_PAGE), templates.render("deployments.ftlh", list));

        Map<String, Object> index = new HashMap<>();
        index.put("runs", runs);
        index.put("recentDeployments", all.subList(0, Math.min(RECENT_ON_RUNS_PAGE, all.size())));
        index.put("deploymentCount", all.size());
        index.put("generated", generated);
        index.put("sitePage", true);
        AtomicFiles.writeString(root.resolve(RUNS_PAGE), templates.render("runs.ftlh", index));
    }

    /**
     * The deployments and rollbacks a run's summary page lists: those finished after the report of the
     * newest earlier run was written, up to the first later run's report (or {@code now}).
     */
    public SincePrevious sincePreviousRun(LocalDate date, Instant now) {
        Optional<Instant> previous = deployments.previousRunAt(date);
        Instant until = deployments.nextRunAt(date).filter(next -> next.isBefore(now)).orElse(now);
        return new SincePrevious(previous.map(p -> ShownTime.format(p, settings.timeZone())).orElse(""),
                deployments.finishedBetween(previous.orElse(null), until));
    }

    /**
     * What a summary page shows of the deployments.
     *
     * @param previousRun when the previous run's report was written, in {@code time-zone}; {@code ""} when this is the first run
     */
    public record SincePrevious(String previousRun, List<DeploymentRecords.Entry> deployments) {
    }

    /** The kept runs, newest first: date folders that hold a summary page. */
    private List<RunEntry> runs(Path root) throws IOException {
        List<Path> folders = new ArrayList<>(runFolders(root));
        folders.sort((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
        List<RunEntry> runs = new ArrayList<>();
        for (Path run : folders) {
            if (Files.exists(run.resolve("index.html"))) {
                String day = run.getFileName().toString();
                LocalDate d = LocalDate.parse(day);
                runs.add(new RunEntry(day, Files.exists(run.resolve(ReportWriter.workbookName(d))), !gaps.open(d).isEmpty()));
            }
        }
        return runs;
    }

    /** Pages of deployments no longer recorded (a database restored from an older backup); other files are left alone. */
    private static void removeStalePages(Path folder, Set<Path> written) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> pages = Files.list(folder)) {
            for (Path p : pages.filter(p -> DEPLOYMENT_ID.matcher(p.getFileName().toString().replaceFirst("\\.html$", "")).matches()
                    && p.getFileName().toString().endsWith(".html") && !written.contains(p)).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Date-named folders under reports/; anything else there is left alone. */
    static List<Path> runFolders(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(root)) {
            return all.filter(Files::isDirectory).filter(p -> isDate(p.getFileName().toString())).toList();
        }
    }

    private static boolean isDate(String name) {
        try {
            LocalDate.parse(name);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
