package org.homeamp.updates.sources;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.homeamp.config.SqlDialect;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link HttpCache} in the tool's database, table {@code http_cache} (Flyway
 * {@code V3__http_cache.sql}), so that the next night's run can send conditional requests.
 *
 * <p>Each write is its own short transaction, never the caller's: the sources are called from inside
 * a chunk transaction that may then wait out a {@code Retry-After} or make more requests, and a cache
 * row written in it would stay locked that long, so another partition storing the same URL timed out
 * on the lock (D-U10). A stored answer is true whatever becomes of the chunk. A write is one upsert
 * statement ({@link SqlDialect#upsert}): two partitions storing the same URL at once never meet a
 * duplicate key, which on PostgreSQL would abort the transaction (D-P2).
 */
public final class JdbcHttpCache implements HttpCache {
    /** Longer URLs are not cached rather than failing on the column width. */
    static final int MAX_URL_LENGTH = 2048;

    private static final String UPSERT_COLUMNS = "url, etag, last_modified, body, fetched_at";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final String upsert;

    public JdbcHttpCache(DataSource dataSource) {
        this(dataSource, SqlDialect.of(dataSource));
    }

    public JdbcHttpCache(DataSource dataSource, SqlDialect dialect) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.upsert = dialect.upsert("http_cache", List.of("url"), List.of(UPSERT_COLUMNS.split(", ")));
        // A transaction manager of its own on the same DataSource: REQUIRES_NEW suspends whatever
        // transaction the calling thread has bound to it and takes a fresh connection.
        this.ownTransaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public Optional<Entry> get(String url) {
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.empty();
        }
        List<Entry> rows = jdbc.query("SELECT etag, last_modified, body, fetched_at FROM http_cache WHERE url = ?",
                (rs, i) -> new Entry(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getTimestamp(4).toInstant()), url);
        return rows.stream().findFirst();
    }

    @Override
    public void put(String url, Entry entry) {
        if (url.length() > MAX_URL_LENGTH) {
            return;
        }
        Timestamp fetchedAt = Timestamp.from(entry.fetchedAt());
        try {
            ownTransaction.executeWithoutResult(s -> upsert(url, entry, fetchedAt));
        } catch (DuplicateKeyException raced) {
            // H2's MERGE can still meet a row another thread inserted and committed in between; that
            // transaction was rolled back whole, and the row is there now, so the second upsert updates it.
            ownTransaction.executeWithoutResult(s -> upsert(url, entry, fetchedAt));
        }
    }

    private void upsert(String url, Entry entry, Timestamp fetchedAt) {
        jdbc.update(upsert, url, entry.etag(), entry.lastModified(), entry.body(), fetchedAt);
    }
}
