package org.homeamp.updates.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.homeamp.config.SqlDialect;
import org.homeamp.testing.EmbeddedPostgresDb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The http cache on PostgreSQL, where a statement failing on a duplicate key aborts its whole
 * transaction: partitions racing to store one URL, each inside its chunk transaction that goes on
 * with more statements afterwards, all commit (the nightly failed in updateCheck with "current
 * transaction is aborted, commands ignored until end of transaction block").
 */
class JdbcHttpCachePostgresTest {
    @RegisterExtension
    static final EmbeddedPostgresDb pg = new EmbeddedPostgresDb();

    private static DriverManagerDataSource db;

    @BeforeAll
    static void schema() throws Exception {
        db = new DriverManagerDataSource(pg.url(), pg.user(), pg.password());
        JdbcTemplate jdbc = new JdbcTemplate(db);
        jdbc.execute(Files.readString(Path.of("src/main/resources/db/migration/V3__http_cache.sql")));
        jdbc.execute("CREATE TABLE chunk_work (n INT NOT NULL)");
    }

    @Test
    void partitionsStoringTheSameUrlAtOnceAllCommitTheirChunks() throws Exception {
        JdbcHttpCache cache = new JdbcHttpCache(db);
        assertThat(SqlDialect.of(db)).isEqualTo(SqlDialect.POSTGRESQL);
        JdbcTransactionManager tx = new JdbcTransactionManager(db);
        JdbcTemplate jdbc = new JdbcTemplate(db);
        String url = "https://api.modrinth.com/v2/project/race/version";
        int partitions = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(partitions);
        List<Future<?>> chunks = new ArrayList<>();
        try {
            for (int i = 0; i < partitions; i++) {
                int n = i;
                chunks.add(pool.submit(() -> new TransactionTemplate(tx).executeWithoutResult(s -> {
                    await(start);
                    cache.put(url, new HttpCache.Entry("\"" + n + "\"", null, new byte[] {(byte) n}, Instant.EPOCH));
                    // the chunk goes on after the cache write: this fails if the transaction was aborted
                    jdbc.update("INSERT INTO chunk_work (n) VALUES (?)", n);
                })));
            }
            start.countDown();
            for (Future<?> f : chunks) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM chunk_work WHERE n >= 0", Long.class)).isEqualTo(partitions);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM http_cache WHERE url = ?", Long.class, url)).isOne();
        assertThat(cache.get(url)).isPresent();
    }

    @Test
    void anUpsertOfAnExistingKeyInsideATransactionLeavesItUsable() {
        JdbcTemplate jdbc = new JdbcTemplate(db);
        String upsert = SqlDialect.POSTGRESQL.upsert("http_cache", List.of("url"),
                List.of("url", "etag", "last_modified", "body", "fetched_at"));
        new TransactionTemplate(new JdbcTransactionManager(db)).executeWithoutResult(s -> {
            java.sql.Timestamp t = java.sql.Timestamp.from(Instant.EPOCH);
            jdbc.update(upsert, "https://x/dup", "\"1\"", null, new byte[] {1}, t);
            jdbc.update(upsert, "https://x/dup", "\"2\"", "Mon", new byte[] {2}, t);
            jdbc.update("INSERT INTO chunk_work (n) VALUES (-1)");
        });
        assertThat(jdbc.queryForObject("SELECT etag || last_modified FROM http_cache WHERE url = 'https://x/dup'", String.class))
                .isEqualTo("\"2\"Mon");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM chunk_work WHERE n = -1", Long.class)).isOne();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
