package org.homeamp.mail;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which run mailed what, when and how: the run's report mail in {@code mail_sent} (migration V6) and
 * the follow-up mail of a run that a restart completed in {@code mail_follow_up} (V8). A row with
 * {@code sent_at} NULL is a claim: the message was being handed to SMTP when the process stopped.
 */
final class MailLedger {
    /** The two mails a run can send, each at most once. */
    enum Kind {
        REPORT("mail_sent"),
        FOLLOW_UP("mail_follow_up");

        private final String table;

        Kind(String table) {
            this.table = table;
        }
    }

    /** A run's row; {@code incomplete} whether the mail told of missing work. */
    record Entry(long runId, String messageId, boolean sent, String transport, boolean incomplete) {
    }

    private final JdbcTemplate jdbc;

    MailLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Entry> find(long runId) {
        return find(Kind.REPORT, runId);
    }

    Optional<Entry> find(Kind kind, long runId) {
        List<Entry> rows = jdbc.query("SELECT run_id, message_id, sent_at, transport, incomplete FROM " + kind.table + " WHERE run_id = ?",
                (rs, i) -> new Entry(rs.getLong(1), rs.getString(2), rs.getTimestamp(3) != null, rs.getString(4), rs.getBoolean(5)), runId);
        return rows.stream().findFirst();
    }

    void claim(Kind kind, long runId, String messageId, String transport, boolean incomplete) {
        jdbc.update("INSERT INTO " + kind.table + " (run_id, message_id, sent_at, transport, incomplete) VALUES (?, ?, NULL, ?, ?)",
                runId, messageId, transport, incomplete);
    }

    void markSent(Kind kind, long runId) {
        jdbc.update("UPDATE " + kind.table + " SET sent_at = CURRENT_TIMESTAMP WHERE run_id = ?", runId);
    }

    void release(Kind kind, long runId) {
        jdbc.update("DELETE FROM " + kind.table + " WHERE run_id = ? AND sent_at IS NULL", runId);
    }

    void recordSent(Kind kind, long runId, String messageId, String transport, boolean incomplete) {
        jdbc.update("DELETE FROM " + kind.table + " WHERE run_id = ?", runId);
        jdbc.update("INSERT INTO " + kind.table + " (run_id, message_id, sent_at, transport, incomplete) VALUES (?, ?, CURRENT_TIMESTAMP, ?, ?)",
                runId, messageId, transport, incomplete);
    }
}
