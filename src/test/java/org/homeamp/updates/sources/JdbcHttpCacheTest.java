package org.homeamp.updates.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The cache is written by partition threads that are inside their chunk transaction, and a chunk may
 * then wait out a Retry-After: its cache rows must not stay locked meanwhile (the update check failed
 * with H2's "Timeout trying to lock table … INSERT INTO http_cache" when two partitions fetched one URL).
 */
class JdbcHttpCacheTest {
    @TempDir
    Path tmp;

    @Test
    void aWriteInsideAWaitingChunkTransactionDoesNotLockOutAnotherPartition() throws Exception {
        DriverManagerDataSource db = new DriverManagerDataSource("jdbc:h2:file:" + tmp.resolve("db") + ";LOCK_TIMEOUT=1000", "sa", "");
        new JdbcTemplate(db).execute(Files.readString(Path.of("src/main/resources/db/migration/V3__http_cache.sql")));
        JdbcTransactionManager tx = new JdbcTransactionManager(db);
        JdbcHttpCache cache = new JdbcHttpCache(db);
        String url = "https://api.modrinth.com/v2/project/luckperms/version";
        CountDownLatch storedByFirst = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        ExecutorService partitions = Executors.newFixedThreadPool(2);
        try {
            // partition 1: stores the answer, then (still in its chunk) waits out another URL's Retry-After
            Future<?> first = partitions.submit(() -> new TransactionTemplate(tx).executeWithoutResult(s -> {
                cache.put(url, new HttpCache.Entry("\"a\"", null, new byte[] {1}, Instant.EPOCH));
                storedByFirst.countDown();
                await(secondDone);
            }));
            assertThat(storedByFirst.await(30, TimeUnit.SECONDS)).isTrue();
            // partition 2: the same URL, in its own chunk, while partition 1 is waiting
            Future<?> second = partitions.submit(() -> new TransactionTemplate(tx).executeWithoutResult(s -> {
                try {
                    cache.put(url, new HttpCache.Entry("\"b\"", null, new byte[] {2}, Instant.EPOCH));
                } finally {
                    secondDone.countDown();
                }
            }));

            second.get(60, TimeUnit.SECONDS);
            first.get(60, TimeUnit.SECONDS);
        } finally {
            secondDone.countDown();
            partitions.shutdownNow();
        }

        assertThat(cache.get(url)).get().satisfies(e -> assertThat(e.etag()).isEqualTo("\"b\""));
    }

    @Test
    void aWriteSurvivesTheRollbackOfTheChunkItWasMadeIn() throws Exception {
        DriverManagerDataSource db = new DriverManagerDataSource("jdbc:h2:file:" + tmp.resolve("db2"), "sa", "");
        new JdbcTemplate(db).execute(Files.readString(Path.of("src/main/resources/db/migration/V3__http_cache.sql")));
        JdbcHttpCache cache = new JdbcHttpCache(db);

        new TransactionTemplate(new JdbcTransactionManager(db)).executeWithoutResult(s -> {
            cache.put("https://x/a", new HttpCache.Entry("\"1\"", null, new byte[] {1}, Instant.EPOCH));
            s.setRollbackOnly();
        });

        // the answer is true whatever became of the chunk: a restart can send a conditional request for it
        assertThat(cache.get("https://x/a")).get().satisfies(e -> assertThat(e.etag()).isEqualTo("\"1\""));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
