package org.homeamp.mail;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code mail_sent} table (migration V6): which run mailed its report, when and how. A row with
 * {@code sent_at} NULL is a claim: the message was being handed to SMTP when the process stopped.
 */
final class MailLedger {
    /** A run's row. */
    record Entry(long runId, String messageId, boolean sent, String transport) {
    }

    private final JdbcTemplate jdbc;

    MailLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Entry> find(long runId) {
        List<Entry> rows = jdbc.query("SELECT run_id, message_id, sent_at, transport FROM mail_sent WHERE run_id = ?",
                (rs, i) -> new Entry(rs.getLong(1), rs.getString(2), rs.getTimestamp(3) != null, rs.getString(4)), runId);
        return rows.stream().findFirst();
    }

    void claim(long runId, String messageId, String transport) {
        jdbc.update("INSERT INTO mail_sent (run_id, message_id, sent_at, transport) VALUES (?, ?, NULL, ?)", runId, messageId, transport);
    }

    void markSent(long runId) {
        jdbc.update("UPDATE mail_sent SET sent_at = CURRENT_TIMESTAMP WHERE run_id = ?", runId);
    }

    void release(long runId) {
        jdbc.update("DELETE FROM mail_sent WHERE run_id = ? AND sent_at IS NULL", runId);
    }

    void recordSent(long runId, String messageId, String transport) {
        jdbc.update("DELETE FROM mail_sent WHERE run_id = ?", runId);
        jdbc.update("INSERT INTO mail_sent (run_id, message_id, sent_at, transport) VALUES (?, ?, CURRENT_TIMESTAMP, ?)", runId, messageId, transport);
    }
}
