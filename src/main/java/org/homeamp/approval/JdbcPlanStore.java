package org.homeamp.approval;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps plans in the {@code plan} and {@code plan_change} tables (migration V4) so that a workbook
 * returned days later can be checked against what was proposed.
 *
 * <p>Only the approvable part of a plan is stored: {@link #find} returns the plan with empty Drift and
 * Updates lists, which the reader does not need. The run date is the UTC date of {@code created}.
 * Each change is stored with its signature so the record of a deploy can show what was signed.
 */
public final class JdbcPlanStore implements PlanLookup {
    private final JdbcTemplate jdbc;
    private final PlanSigner signer;

    public JdbcPlanStore(JdbcTemplate jdbc, PlanSigner signer) {
        this.jdbc = jdbc;
        this.signer = signer;
    }

    /**
     * Stores the plan and its changes. Callers run this in the transaction of the step that wrote
     * the workbook, so a plan is never half stored.
     *
     * @param workbookSha256 SHA-256 of the written workbook (see {@link WrittenWorkbook#sha256()})
     */
    public void save(Plan plan, String workbookSha256) {
        jdbc.update("INSERT INTO plan (plan_id, run_date, created, expires, workbook_sha256, change_count) VALUES (?, ?, ?, ?, ?, ?)",
                plan.planId(), LocalDate.ofInstant(plan.created(), ZoneOffset.UTC),
                plan.created().atOffset(ZoneOffset.UTC), plan.expires().atOffset(ZoneOffset.UTC),
                workbookSha256, plan.changes().size());
        List<ProposedChange> changes = plan.changes();
        jdbc.batchUpdate("""
                INSERT INTO plan_change (plan_id, change_id, position, server, instance, type, plugin, file, setting,
                                         current_value, proposed_value, details, secret, checksum_state, signature)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                ProposedChange c = changes.get(i);
                ps.setString(1, plan.planId());
                ps.setString(2, c.changeId());
                ps.setInt(3, i);
                ps.setString(4, c.server());
                ps.setString(5, c.instance());
                ps.setString(6, c.type().label());
                ps.setString(7, c.plugin());
                ps.setString(8, c.file());
                ps.setString(9, c.setting());
                ps.setString(10, c.current());
                ps.setString(11, c.proposed());
                ps.setString(12, c.details());
                ps.setBoolean(13, c.secret());
                ps.setString(14, c.checksumState());
                ps.setString(15, signer.sign(plan.planId(), c));
            }

            @Override
            public int getBatchSize() {
                return changes.size();
            }
        });
    }

    @Override
    public Optional<Plan> find(String planId) {
        List<Instant[]> found = jdbc.query("SELECT created, expires FROM plan WHERE plan_id = ?",
                (rs, n) -> new Instant[] {rs.getObject("created", OffsetDateTime.class).toInstant(),
                        rs.getObject("expires", OffsetDateTime.class).toInstant()},
                planId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Instant[] createdExpires = found.get(0);
        return Optional.of(new Plan(planId, createdExpires[0], createdExpires[1], changes(planId), List.of(), List.of()));
    }

    /** The SHA-256 recorded for the plan's workbook, if the plan is known. */
    public Optional<String> workbookSha256(String planId) {
        return jdbc.query("SELECT workbook_sha256 FROM plan WHERE plan_id = ?", (rs, n) -> rs.getString(1), planId)
                .stream().findFirst();
    }

    private List<ProposedChange> changes(String planId) {
        return jdbc.query("SELECT * FROM plan_change WHERE plan_id = ? ORDER BY position", JdbcPlanStore::change, planId);
    }

    private static ProposedChange change(ResultSet rs, int rowNum) throws SQLException {
        String label = rs.getString("type");
        ChangeType type = ChangeType.fromLabel(label)
                .orElseThrow(() -> new IllegalStateException("plan_change has unknown type '" + label + "'"));
        return new ProposedChange(rs.getString("change_id"), rs.getString("server"), rs.getString("instance"), type,
                rs.getString("plugin"), rs.getString("file"), rs.getString("setting"), rs.getString("current_value"),
                rs.getString("proposed_value"), rs.getString("details"), rs.getBoolean("secret"),
                rs.getString("checksum_state"));
    }
}
