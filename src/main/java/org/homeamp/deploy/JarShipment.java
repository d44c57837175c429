package org.homeamp.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.homeamp.approval.ChangeType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Ships the staged jars of a deployment to the workers (PostgreSQL only, D-W5): when the deploy step
 * starts, every staged jar a pending {@code plugin-update} row installs is copied into
 * {@code deployment_jar} (once per deployment; a restart finds it there), so that a worker on another
 * host, whose own staging folder does not have it, can take it from there ({@link StagedJars}). The
 * rows of finished deployments are deleted at the same time and when the deployment finishes.
 */
final class JarShipment implements StepExecutionListener {
    private static final Logger log = LoggerFactory.getLogger(JarShipment.class);

    private final DeploymentStore store;
    private final StagedJars stagedJars;
    private final JdbcTemplate jdbc;

    JarShipment(DeploymentStore store, StagedJars stagedJars, JdbcTemplate jdbc) {
        this.store = store;
        this.stagedJars = stagedJars;
        this.jdbc = jdbc;
    }

    @Override
    public void beforeStep(StepExecution step) {
        String id = step.getJobParameters().getString(DeployJobConfig.DEPLOYMENT);
        if (id != null) {
            ship(id);
        }
    }

    /** Ships what deployment {@code id} still installs; returns how many jars were added now. */
    int ship(String id) {
        jdbc.update("DELETE FROM deployment_jar WHERE deployment_id IN (SELECT deployment_id FROM deployment WHERE result <> ?)", Deployment.RUNNING);
        Deployment d = store.find(id).orElse(null);
        if (d == null || d.isRollback()) {
            return 0; // a rollback restores backups, it installs no staged jar
        }
        int added = 0;
        long bytes = 0;
        for (DeployRow r : store.rows(id)) {
            if (r.type() != ChangeType.PLUGIN_UPDATE || r.result() != RowResult.PENDING) {
                continue;
            }
            Optional<StagedJars.StagedJar> jar = stagedJars.locate(r.server(), r.instance(), r.plugin(), r.proposed());
            if (jar.isEmpty() || !Files.isRegularFile(jar.get().file())) {
                continue; // the row's prepare refuses it with the reason, wherever it runs
            }
            String key = stagedJars.stagedPath(jar.get());
            Integer there = jdbc.queryForObject("SELECT COUNT(*) FROM deployment_jar WHERE deployment_id = ? AND staged_path = ?",
                    Integer.class, id, key);
            if (there != null && there > 0) {
                continue;
            }
            byte[] content;
            try {
                content = Files.readAllBytes(jar.get().file());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the staged jar " + key + " to ship it to the workers: " + e.getMessage()
                        + ". Fix: check the state dir's staging folder, then run 'homeamp restart'", e);
            }
            jdbc.update("INSERT INTO deployment_jar (deployment_id, staged_path, sha256, size_bytes, content, shipped) VALUES (?, ?, ?, ?, ?, ?)",
                    id, key, Backups.sha256(content), (long) content.length, content, OffsetDateTime.now(ZoneOffset.UTC));
            added++;
            bytes += content.length;
        }
        if (added > 0) {
            log.info("deployment {}: shipped {} staged jar(s) ({} KiB) through the database for the workers", id, added, bytes / 1024);
        }
        return added;
    }

    /** The shipped jars of a finished deployment go. */
    void delete(String id) {
        jdbc.update("DELETE FROM deployment_jar WHERE deployment_id = ?", id);
    }
}
