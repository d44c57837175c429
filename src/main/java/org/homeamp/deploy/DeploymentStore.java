package org.homeamp.deploy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.homeamp.approval.ChangeType;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The deployment records (tables of V12): deployments, their rows, their instances' progress and the
 * manifest of touched files. Every write commits on its own, outside any step transaction, so the
 * state a restarted deploy resumes from is exactly what was done before the crash.
 */
@Component
public class DeploymentStore {
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public DeploymentStore(JdbcTemplate jdbc, PlatformTransactionManager txManager) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(txManager);
        this.tx.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    // ------------------------------------------------------------------ deployments

    /**
     * Records a new deployment with its rows and instances in one transaction and returns its id,
     * {@code D-<yyyymmdd>-<n>} with n counting the day's deployments and rollbacks from 1.
     */
    public String create(Deployment d, LocalDate day, List<DeployRow> rows, List<DeployedInstance> instances) {
        for (int attempt = 0; ; attempt++) {
            String id = nextId(day);
            try {
                tx.executeWithoutResult(s -> {
                    jdbc.update("INSERT INTO deployment (deployment_id, kind, plan_id, workbook_sha256, workbook_path, instances_filter,"
                                    + " undoes, forced, run_by, started, result) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                            id, d.kind(), d.planId(), d.workbookSha256(), d.workbookPath(), d.instancesFilter(), d.undoes(), d.forced(),
                            d.runBy(), d.started(), Deployment.RUNNING);
                    for (DeployRow r : rows) {
                        jdbc.update("INSERT INTO deployment_row (deployment_id, position, change_id, row_number, server, instance_name, type,"
                                        + " plugin, file, setting, current_value, proposed_value, secret, checksum_state, approved_by, note, result,"
                                        + " reason, sha256_before, sha256_after) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                                id, r.position(), r.changeId(), r.rowNumber(), r.server(), r.instance(),
                                r.type() == null ? null : r.type().label(), r.plugin(), r.file(), r.setting(), r.current(), r.proposed(),
                                r.secret(), r.checksumState(), r.approvedBy(), r.note(), r.result().name(), r.reason(), r.sha256Before(), r.sha256After());
                    }
                    for (DeployedInstance i : instances) {
                        jdbc.update("INSERT INTO deployment_instance (deployment_id, server, instance_name, instance_id, state, restarts,"
                                + " reason, updated) VALUES (?,?,?,?,?,?,?,?)", id, i.server(), i.instance(), i.instanceId(),
                                i.state().name(), i.restarts(), i.reason(), now());
                    }
                });
                return id;
            } catch (DuplicateKeyException e) {
                if (attempt >= 20) {
                    throw e;
                }
                // another homeamp process took the same number a moment ago: take the next one
            }
        }
    }

    private String nextId(LocalDate day) {
        String prefix = "D-" + DAY.format(day) + "-";
        List<String> ids = jdbc.queryForList("SELECT deployment_id FROM deployment WHERE deployment_id LIKE ?", String.class, prefix + "%");
        int max = 0;
        for (String id : ids) {
            try {
                max = Math.max(max, Integer.parseInt(id.substring(prefix.length())));
            } catch (NumberFormatException ignored) {
                // not one of ours
            }
        }
        return prefix + (max + 1);
    }

    public Optional<Deployment> find(String id) {
        return jdbc.query(DEPLOYMENT + " WHERE deployment_id = ?", DEPLOYMENTS, id).stream().findFirst();
    }

    /** The newest deployment of this workbook with this instance filter, if any. */
    public Optional<Deployment> findForWorkbook(String planId, String workbookSha256, String instancesFilter) {
        return jdbc.query(DEPLOYMENT + " WHERE kind = 'deploy' AND plan_id = ? AND workbook_sha256 = ? AND instances_filter = ?"
                        + " ORDER BY started DESC", DEPLOYMENTS, planId, workbookSha256, instancesFilter)
                .stream().findFirst();
    }

    /** The newest rollback of a deployment, if any. */
    public Optional<Deployment> findRollbackOf(String deploymentId) {
        return jdbc.query(DEPLOYMENT + " WHERE kind = 'rollback' AND undoes = ? ORDER BY started DESC",
                DEPLOYMENTS, deploymentId).stream().findFirst();
    }

    /** Deployments and rollbacks, newest first. */
    public List<Deployment> recent(int limit) {
        return jdbc.query(DEPLOYMENT + " ORDER BY started DESC, deployment_id DESC LIMIT ?", DEPLOYMENTS, limit);
    }

    public void finish(String id, String result) {
        tx.executeWithoutResult(s -> jdbc.update("UPDATE deployment SET finished = ?, result = ? WHERE deployment_id = ?", now(), result, id));
    }

    public void markRunning(String id) {
        tx.executeWithoutResult(s -> jdbc.update("UPDATE deployment SET finished = NULL, result = ? WHERE deployment_id = ?",
                Deployment.RUNNING, id));
    }

    // ------------------------------------------------------------------ rows

    public List<DeployRow> rows(String id) {
        return jdbc.query(ROW + " WHERE deployment_id = ? ORDER BY position", ROWS, id);
    }

    public List<DeployRow> rows(String id, String server, String instance) {
        return jdbc.query(ROW + " WHERE deployment_id = ? AND server = ? AND instance_name = ? ORDER BY position",
                ROWS, id, server, instance);
    }

    public void setRow(String id, int position, RowResult result, String reason, String shaBefore, String shaAfter) {
        tx.executeWithoutResult(s -> jdbc.update("UPDATE deployment_row SET result = ?, reason = ?, sha256_before = ?, sha256_after = ?"
                + " WHERE deployment_id = ? AND position = ?", result.name(), reason, shaBefore, shaAfter, id, position));
    }

    // ------------------------------------------------------------------ instances

    public List<DeployedInstance> instances(String id) {
        return jdbc.query(INSTANCE + " WHERE deployment_id = ? ORDER BY server, instance_name",
                INSTANCES, id);
    }

    public DeployedInstance instance(String id, String server, String instance) {
        return jdbc.query(INSTANCE + " WHERE deployment_id = ? AND server = ? AND instance_name = ?",
                INSTANCES, id, server, instance).stream().findFirst().orElseThrow(() -> new IllegalStateException(
                "deployment " + id + " has no instance " + server + "/" + instance));
    }

    public void setState(String id, String server, String instance, InstanceState state, String reason) {
        tx.executeWithoutResult(s -> jdbc.update("UPDATE deployment_instance SET state = ?, reason = ?, updated = ?"
                + " WHERE deployment_id = ? AND server = ? AND instance_name = ?", state.name(), reason, now(), id, server, instance));
    }

    /**
     * The instance is prepared: its manifest is saved and its prepared files lie in the state dir of
     * {@code stateHost} ({@code null}: the manager's), where its backup will be taken too.
     */
    public void setPrepared(String id, String server, String instance, String stateHost) {
        tx.executeWithoutResult(s -> jdbc.update("UPDATE deployment_instance SET state = ?, reason = NULL, state_host = ?, updated = ?"
                + " WHERE deployment_id = ? AND server = ? AND instance_name = ?", InstanceState.PREPARED.name(), stateHost, now(), id, server,
                instance));
    }

    public void setInstanceId(String id, String server, String instance, String instanceId) {
        tx.executeWithoutResult(s -> jdbc.update("UPDATE deployment_instance SET instance_id = ?, updated = ? WHERE deployment_id = ?"
                + " AND server = ? AND instance_name = ?", instanceId, now(), id, server, instance));
    }

    /** Records a restart about to be asked for, together with the state that says so. */
    public void setRestarting(String id, String server, String instance, InstanceState state) {
        tx.executeWithoutResult(s -> jdbc.update("UPDATE deployment_instance SET state = ?, restarts = restarts + 1, updated = ?"
                + " WHERE deployment_id = ? AND server = ? AND instance_name = ?", state.name(), now(), id, server, instance));
    }

    // ------------------------------------------------------------------ backup pruning

    /** One instance of a deployment, with what backup pruning needs to know about both. */
    record BackupHolder(String id, OffsetDateTime started, OffsetDateTime finished, String result, String server, String instance,
            InstanceState state, OffsetDateTime pruned, String stateHost) {
        String label() {
            return server + "/" + instance;
        }
    }

    /** Every instance of every deployment and rollback, oldest deployment first. */
    List<BackupHolder> backupHolders() {
        return jdbc.query(HOLDER + " ORDER BY d.started, d.deployment_id, i.server, i.instance_name", HOLDERS);
    }

    /** Records (and commits) that the backup of one instance of a deployment is being pruned, before anything is deleted. */
    void markBackupPruned(String id, String server, String instance, OffsetDateTime when) {
        tx.executeWithoutResult(s -> jdbc.update("UPDATE deployment_instance SET backup_pruned = ? WHERE deployment_id = ? AND server = ?"
                + " AND instance_name = ? AND backup_pruned IS NULL", when, id, server, instance));
    }

    /** The instances of a deployment whose backup was pruned, with when, by label ({@code hetzner/Lobby01}). */
    public Map<String, OffsetDateTime> prunedBackups(String id) {
        Map<String, OffsetDateTime> out = new TreeMap<>();
        jdbc.query(HOLDER + " WHERE d.deployment_id = ? AND i.backup_pruned IS NOT NULL", HOLDERS, id).forEach(h -> out.put(h.label(), h.pruned()));
        return out;
    }

    // ------------------------------------------------------------------ manifest

    public List<ManifestFile> files(String id, String server, String instance) {
        return jdbc.query(FILE + " WHERE deployment_id = ? AND server = ? AND instance_name = ? ORDER BY path",
                FILES, id, server, instance);
    }

    public List<ManifestFile> files(String id) {
        return jdbc.query(FILE + " WHERE deployment_id = ? ORDER BY server, instance_name, path",
                FILES, id);
    }

    /** Replaces the manifest of one instance (while it is PENDING, nothing was written yet). */
    public void saveManifest(String id, String server, String instance, List<ManifestFile> files) {
        tx.executeWithoutResult(s -> {
            jdbc.update("DELETE FROM deployment_file WHERE deployment_id = ? AND server = ? AND instance_name = ?", id, server, instance);
            for (ManifestFile f : files) {
                jdbc.update("INSERT INTO deployment_file (deployment_id, server, instance_name, path, action, sha256_before, sha256_after,"
                                + " size_before, mode_before, owner_before, mode_after, owner_after, written) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        id, server, instance, f.path(), f.action().name(), f.sha256Before(), f.sha256After(), f.sizeBefore(),
                        f.modeBefore(), f.ownerBefore(), f.modeAfter(), f.ownerAfter(), f.written());
            }
        });
    }

    public void setWritten(String id, String server, String instance, String path, boolean written) {
        tx.executeWithoutResult(s -> jdbc.update("UPDATE deployment_file SET written = ? WHERE deployment_id = ? AND server = ?"
                + " AND instance_name = ? AND path = ?", written, id, server, instance, path));
    }

    // ------------------------------------------------------------------ mapping

    /*
     * Rows become the records by their constructor parameters (Spring's DataClassRowMapper: a column
     * instance_name fills the parameter instanceName); where a column's name differs from the record's,
     * the SELECT renames it. Enums come from their names, a row's change type from its label.
     */
    private static final String DEPLOYMENT = "SELECT deployment_id AS id, kind, plan_id, workbook_sha256, workbook_path, instances_filter,"
            + " undoes, forced, run_by, started, finished, result FROM deployment";
    private static final String ROW = "SELECT position, change_id, row_number, server, instance_name AS instance, type, plugin, file, setting,"
            + " current_value AS current, proposed_value AS proposed, secret, checksum_state, approved_by, note, result, reason,"
            + " sha256_before, sha256_after FROM deployment_row";
    private static final String INSTANCE = "SELECT server, instance_name AS instance, instance_id, state, restarts, reason, state_host"
            + " FROM deployment_instance";
    private static final String FILE = "SELECT path, action, sha256_before, sha256_after, size_before, mode_before, owner_before, mode_after,"
            + " owner_after, written FROM deployment_file";

    private static final String HOLDER = "SELECT d.deployment_id AS id, d.started, d.finished, d.result, i.server, i.instance_name AS instance,"
            + " i.state, i.backup_pruned AS pruned, i.state_host FROM deployment d JOIN deployment_instance i ON i.deployment_id = d.deployment_id";

    private static final RowMapper<Deployment> DEPLOYMENTS = mapper(Deployment.class);
    private static final RowMapper<DeployRow> ROWS = mapper(DeployRow.class);
    private static final RowMapper<DeployedInstance> INSTANCES = mapper(DeployedInstance.class);
    private static final RowMapper<ManifestFile> FILES = mapper(ManifestFile.class);
    private static final RowMapper<BackupHolder> HOLDERS = mapper(BackupHolder.class);

    private static <T> RowMapper<T> mapper(Class<T> type) {
        DefaultConversionService conversions = new DefaultConversionService();
        conversions.addConverter(String.class, ChangeType.class, label -> ChangeType.fromLabel(label).orElse(null));
        DataClassRowMapper<T> mapper = new DataClassRowMapper<>(type);
        mapper.setConversionService(conversions);
        return mapper;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
