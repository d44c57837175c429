package org.homeamp.updates;

import org.homeamp.updates.registry.RegistryEntry;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks one distinct jar against its registry entry's source. The answer is committed at once in its
 * own transaction ({@code update_checked}), outside the chunk's: a chunk rolled back by a crash or a
 * failed write is processed again on restart, but its jars are then answered from there, so no source
 * is asked twice in a run for the same jar (D-U5).
 */
class UpdateCheckProcessor implements ItemProcessor<UpdateWorkItem, CheckedJar> {
    static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final UpdateInputs inputs;
    private final UpdateDecider decider = new UpdateDecider();
    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final long runId;

    UpdateCheckProcessor(UpdateInputs inputs, JdbcTemplate jdbc, PlatformTransactionManager tx, long runId) {
        this.inputs = inputs;
        this.jdbc = jdbc;
        this.runId = runId;
        this.ownTransaction = new TransactionTemplate(tx);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public CheckedJar process(UpdateWorkItem item) {
        RegistryEntry entry = inputs.registry().find(item.jar().pluginName()).orElse(null);
        String source = entry == null ? null : entry.source().key();
        String known = ownTransaction.execute(s -> jdbc.query("SELECT result_json FROM update_checked WHERE run_id = ? AND seq = ?",
                rs -> rs.next() ? rs.getString(1) : null, runId, item.seq()));
        if (known != null) {
            return new CheckedJar(item, JSON.readValue(known, UpdateResult.class), source);
        }
        UpdateResult result = decider.check(item.jar(), entry, inputs.sources());
        String json = JSON.writeValueAsString(result);
        ownTransaction.executeWithoutResult(s -> jdbc.update("INSERT INTO update_checked (run_id, seq, result_json) VALUES (?,?,?)",
                runId, item.seq(), json));
        return new CheckedJar(item, result, source);
    }
}
