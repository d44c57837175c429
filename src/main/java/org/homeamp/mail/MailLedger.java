package org.homeamp.mail;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which run or deployment mailed what, when and how: the run's report mail in {@code mail_sent}
 * (migration V6), the follow-up mail of a run that a restart completed in {@code mail_follow_up} (V8),
 * and the mail of a deployment or rollback in {@code mail_deployment} (V13). A row with
 * {@code sent_at} NULL is a claim: the message was being handed to SMTP when the process stopped.
 */
final class MailLedger {
    /** The mails the tool sends, each at most once per key (a run's job instance id, or a deployment id). */
    enum Kind {
        REPORT("mail_sent", "run_id"),
        FOLLOW_UP("mail_follow_up", "run_id"),
        DEPLOYMENT("mail_deployment", "deployment_id");

        private final String table;
        private final String key;

        Kind(String table, String key) {
            this.table = table;
            this.key = key;
        }
    }

    /** A mail's row; {@code incomplete} whether the mail told of missing work. */
    record Entry(String key, String messageId, boolean sent, String transport, boolean incomplete) {
    }

    private final JdbcTemplate jdbc;

    MailLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Entry> find(long runId) {
        return find(Kind.REPORT, runId);
    }

    Optional<Entry> find(Kind kind, Object key) {
        List<Entry> rows = jdbc.query("SELECT " + kind.key + ", message_id, sent_at, transport, incomplete FROM " + kind.table
                        + " WHERE " + kind.key + " = ?",
                (rs, i) -> new Entry(rs.getString(1), rs.getString(2), rs.getTimestamp(3) != null, rs.getString(4), rs.getBoolean(5)), key);
        return rows.stream().findFirst();
    }

    void claim(Kind kind, Object key, String messageId, String transport, boolean incomplete) {
        jdbc.update("INSERT INTO " + kind.table + " (" + kind.key + ", message_id, sent_at, transport, incomplete) VALUES (?, ?, NULL, ?, ?)",
                key, messageId, transport, incomplete);
    }

    void markSent(Kind kind, Object key) {
        jdbc.update("UPDATE " + kind.table + " SET sent_at = CURRENT_TIMESTAMP WHERE " + kind.key + " = ?", key);
    }

    void release(Kind kind, Object key) {
        jdbc.update("DELETE FROM " + kind.table + " WHERE " + kind.key + " = ? AND sent_at IS NULL", key);
    }

    void recordSent(Kind kind, Object key, String messageId, String transport, boolean incomplete) {
        jdbc.update("DELETE FROM " + kind.table + " WHERE " + kind.key + " = ?", key);
        jdbc.update("INSERT INTO " + kind.table + " (" + kind.key + ", message_id, sent_at, transport, incomplete) VALUES (?, ?, CURRENT_TIMESTAMP, ?, ?)",
                key, messageId, transport, incomplete);
    }
}
