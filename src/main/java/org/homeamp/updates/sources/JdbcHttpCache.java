package org.homeamp.updates.sources;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link HttpCache} in the tool's database, table {@code http_cache} (Flyway
 * {@code V3__http_cache.sql}), so that the next night's run can send conditional requests.
 * Writes are update-then-insert, which works the same on H2 and PostgreSQL.
 */
public final class JdbcHttpCache implements HttpCache {
    /** Longer URLs are not cached rather than failing on the column width. */
    static final int MAX_URL_LENGTH = 2048;

    private final JdbcTemplate jdbc;

    public JdbcHttpCache(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
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
        int updated = jdbc.update("UPDATE http_cache SET etag = ?, last_modified = ?, body = ?, fetched_at = ? WHERE url = ?",
                entry.etag(), entry.lastModified(), entry.body(), fetchedAt, url);
        if (updated == 0) {
            try {
                jdbc.update("INSERT INTO http_cache (url, etag, last_modified, body, fetched_at) VALUES (?, ?, ?, ?, ?)",
                        url, entry.etag(), entry.lastModified(), entry.body(), fetchedAt);
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                // Another thread stored the same URL in between; either body is a valid answer.
                jdbc.update("UPDATE http_cache SET etag = ?, last_modified = ?, body = ?, fetched_at = ? WHERE url = ?",
                        entry.etag(), entry.lastModified(), entry.body(), fetchedAt, url);
            }
        }
    }
}
