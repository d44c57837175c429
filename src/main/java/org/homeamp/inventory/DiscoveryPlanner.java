package org.homeamp.inventory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.homeamp.amp.AmpClients;
import org.homeamp.amp.AmpException;
import org.homeamp.batch.JobParams;
import org.homeamp.batch.PlanOnce;
import org.homeamp.batch.Problems;
import org.homeamp.batch.RunGaps;
import org.homeamp.batch.Problems.Problem;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.config.ServerSettings;
import org.homeamp.files.InstanceFiles;
import org.homeamp.files.InstanceFilesFactory;
import org.homeamp.batch.RunTasklet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * First discovery step: lists every selected server's instances and each instance's jars, and
 * persists that as the run's work list ({@code discovery_target}, {@code discovery_work}). A server
 * that cannot be reached is recorded as a gap of the run ({@link RunGaps}) and the others go on. It
 * runs again on a restart, so a server that was unreachable is tried again; instances already
 * listed in an earlier attempt keep their work list untouched, because a restarted partition
 * resumes by position in it. Once the run's scan completed, a restart lists only the servers whose
 * discovery is missing ({@link PlanOnce}).
 */
final class DiscoveryPlanner extends RunTasklet {
    static final String JOB = "discovery";
    static final List<String> KINDS = List.of("AMP_UNREACHABLE", "INSTANCE_FOLDER_MISSING", "ORPHAN_FOLDER", "UNREADABLE", "PLUGINS_UNREADABLE",
            "INSTANCE_NAME_UNSAFE");
    /** Job-context key: the highest {@code inventory_event.id} before this run. */
    static final String EVENT_WATERMARK = "discovery.eventWatermark";
    private static final Logger log = LoggerFactory.getLogger(DiscoveryPlanner.class);

    private final HomeAmpSettings settings;
    private final AmpClients ampClients;
    private final InstanceFilesFactory filesFactory;
    private final Problems problems;
    private final JdbcTemplate jdbc;
    private final JobRepository jobRepository;
    private final RunGaps gaps;
    private final InstanceLocator locator = new InstanceLocator();

    DiscoveryPlanner(HomeAmpSettings settings, AmpClients ampClients, InstanceFilesFactory filesFactory, Problems problems, JdbcTemplate jdbc,
            JobRepository jobRepository, RunGaps gaps) {
        this.settings = settings;
        this.ampClients = ampClients;
        this.filesFactory = filesFactory;
        this.problems = problems;
        this.jdbc = jdbc;
        this.jobRepository = jobRepository;
        this.gaps = gaps;
    }

    @Override
    protected RepeatStatus run(StepExecution step, long runId, LocalDate date) {
        List<ServerSettings> selected = selectedServers(settings, JobParams.servers(step.getJobParameters()));
        rememberEventWatermark(step);
        StepExecution lastScan = jobRepository.getLastStepExecution(step.getJobExecution().getJobInstance(), "discoveryScan");
        // a restart of a run whose scan finished lists only the servers it could not reach then
        PlanOnce.Plan plan = PlanOnce.decide(gaps, step, RunGaps.DISCOVERY, null, lastScan != null && lastScan.getStatus() == BatchStatus.COMPLETED,
                false, selected.stream().map(ServerSettings::name).toList());
        if (!plan.plans()) {
            return RepeatStatus.FINISHED;
        }
        List<ServerSettings> servers = selected.stream().filter(s -> plan.servers().contains(s.name())).toList();
        if (plan.mode() == PlanOnce.Mode.FIRST) {
            problems.forget(runId, JOB, KINDS);
        }
        List<String> listed = new ArrayList<>();
        int instances = 0;
        int jars = 0;
        for (ServerSettings server : servers) {
            ServerListing listing = locator.list(server, ampClients.forServer(server.name()));
            problems.recordAll(runId, date, JOB, listing.problems());
            if (!listing.reachable()) {
                gaps.record(date, server.name(), RunGaps.DISCOVERY, listing.unreachable());
                continue;
            }
            List<String> failed = new ArrayList<>();
            for (DiscoveredInstance inst : listing.instances()) {
                upsertInstance(inst, server, date);
                Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM discovery_target WHERE run_id = ? AND server = ? AND instance_name = ?",
                        Integer.class, runId, inst.server(), inst.instanceName());
                if (known != null && known > 0) {
                    continue;
                }
                try {
                    jars += planInstance(runId, date, inst);
                    instances++;
                } catch (AmpException e) {
                    failed.add(inst.instanceName() + ": " + e.getMessage());
                }
            }
            if (failed.isEmpty()) {
                listed.add(server.name());
            } else {
                // the server's work is not done: a gap, so the run ends FAILED and restart plans what is missing
                recordUnlisted(date, server, failed);
            }
            log.info("server {}: {} instances listed", server.name(), listing.instances().size());
        }
        PlanOnce.store(step, RunGaps.DISCOVERY, listed);
        log.info("discovery plan: {} instances, {} jars to inspect", instances, jars);
        return RepeatStatus.FINISHED;
    }

    /**
     * The last inventory event before this run, kept in the job's context (a restart keeps it), so
     * the summary counts this run's events only, not those of an earlier run on the same date.
     */
    private void rememberEventWatermark(StepExecution step) {
        var jobContext = step.getJobExecution().getExecutionContext();
        if (!jobContext.containsKey(EVENT_WATERMARK)) {
            Long last = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM inventory_event", Long.class);
            jobContext.putLong(EVENT_WATERMARK, last == null ? 0 : last);
        }
    }

    static List<ServerSettings> selectedServers(HomeAmpSettings settings, List<String> names) {
        return settings.servers().stream().filter(s -> names.isEmpty() || names.contains(s.name())).toList();
    }

    /**
     * Instances whose plugins/ could not be listed even after the AMP client's retries: their work is
     * not done, so they make the server's partition fail (the run fails restartably) instead of
     * becoming a problem in a completed run; {@code restart} plans just them again.
     */
    private void recordUnlisted(LocalDate date, ServerSettings server, List<String> failed) {
        String why = "server " + server.name() + ": plugins/ of " + failed.size() + " instance(s) could not be listed: "
                + String.join("; ", failed) + ". Run 'homeamp restart' once AMP answers again";
        log.warn("{}", why);
        gaps.record(date, server.name(), RunGaps.DISCOVERY, why.length() > 4000 ? why.substring(0, 3997) + "..." : why);
    }

    /** @throws AmpException when AMP failed transiently (retries spent) on a running instance */
    private int planInstance(long runId, LocalDate date, DiscoveredInstance inst) {
        InstanceFiles files = filesFactory.forInstance(inst.server(), inst.instanceName(), inst.instanceId());
        List<InstanceFiles.Entry> entries;
        try {
            entries = files.list("plugins");
        } catch (AmpException e) {
            if (e.isTransient() && !(e instanceof AmpException.InstanceUnavailable && !inst.running())) {
                throw e;
            }
            return unlistable(runId, date, inst, files, e);
        } catch (Exception e) {
            return unlistable(runId, date, inst, files, e);
        }
        List<Object[]> rows = new ArrayList<>();
        for (InstanceFiles.Entry e : entries) {
            if (!e.directory() && e.name().toLowerCase().endsWith(".jar")) {
                rows.add(new Object[] {runId, inst.server(), inst.instanceName(), e.name(), e.size()});
            }
        }
        jdbc.batchUpdate("INSERT INTO discovery_work (run_id, server, instance_name, file_name, size_bytes) VALUES (?,?,?,?,?)", rows);
        jdbc.update("INSERT INTO discovery_target (run_id, server, instance_name, instance_id) VALUES (?,?,?,?)",
                runId, inst.server(), inst.instanceName(), inst.instanceId());
        return rows.size();
    }

    /** A stopped instance, or one whose plugins/ this user may not read: a problem, its inventory kept. */
    private int unlistable(long runId, LocalDate date, DiscoveredInstance inst, InstanceFiles files, Exception e) {
        problems.record(runId, date, JOB, new Problem(inst.server(), inst.instanceName(), "plugins", "PLUGINS_UNREADABLE",
                "cannot list plugins/ of " + files.describe() + ": " + e.getMessage()
                        + ". Its inventory from earlier runs is kept; fix access (or start the instance) and run again"));
        jdbc.update("INSERT INTO discovery_target (run_id, server, instance_name, instance_id, skipped) VALUES (?,?,?,?,TRUE)",
                runId, inst.server(), inst.instanceName(), inst.instanceId());
        return 0;
    }

    private void upsertInstance(DiscoveredInstance inst, ServerSettings server, LocalDate date) {
        int updated = jdbc.update("""
                UPDATE instance SET instance_id = COALESCE(?, instance_id), friendly_name = COALESCE(?, friendly_name),
                       files_mode = ?, amp_state = ?, last_seen = ?, removed_on = NULL
                 WHERE server = ? AND instance_name = ?""",
                inst.instanceId(), inst.friendlyName(), server.files().yamlName(), inst.ampState(), date, inst.server(), inst.instanceName());
        if (updated == 0) {
            jdbc.update("""
                    INSERT INTO instance (server, instance_name, instance_id, friendly_name, files_mode, amp_state, first_seen, last_seen)
                    VALUES (?,?,?,?,?,?,?,?)""",
                    inst.server(), inst.instanceName(), inst.instanceId(), inst.friendlyName(), server.files().yamlName(), inst.ampState(), date, date);
        }
    }
}
