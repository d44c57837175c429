package org.homeamp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class SqlDialectTest {
    @TempDir
    Path tmp;

    @Test
    void theDialectFollowsTheUrl() {
        assertThat(SqlDialect.ofUrl("jdbc:postgresql://db:5432/homeamp")).isEqualTo(SqlDialect.POSTGRESQL);
        assertThat(SqlDialect.ofUrl("jdbc:h2:file:/var/lib/homeamp/db/homeamp")).isEqualTo(SqlDialect.H2);
    }

    @Test
    void upsertsAreOneStatementPerDialect() {
        List<String> cols = List.of("k", "a", "b");
        assertThat(SqlDialect.POSTGRESQL.upsert("t", List.of("k"), cols))
                .isEqualTo("INSERT INTO t (k, a, b) VALUES (?, ?, ?) ON CONFLICT (k) DO UPDATE SET a = EXCLUDED.a, b = EXCLUDED.b");
        assertThat(SqlDialect.POSTGRESQL.upsert("t", List.of("k"), List.of("k"))).endsWith("ON CONFLICT (k) DO NOTHING");
        assertThat(SqlDialect.H2.upsert("t", List.of("k"), cols)).isEqualTo("MERGE INTO t (k, a, b) KEY (k) VALUES (?, ?, ?)");
    }

    @Test
    void anH2UpsertOfAnExistingKeyUpdatesIt() {
        DriverManagerDataSource db = new DriverManagerDataSource("jdbc:h2:file:" + tmp.resolve("db"), "sa", "");
        JdbcTemplate jdbc = new JdbcTemplate(db);
        jdbc.execute("CREATE TABLE t (k VARCHAR(10) PRIMARY KEY, a INT, b VARCHAR(10))");
        assertThat(SqlDialect.of(db)).isEqualTo(SqlDialect.H2);
        String upsert = SqlDialect.H2.upsert("t", List.of("k"), List.of("k", "a", "b"));
        new TransactionTemplate(new JdbcTransactionManager(db)).executeWithoutResult(s -> {
            jdbc.update(upsert, "x", 1, "one");
            jdbc.update(upsert, "x", 2, "two");
        });
        assertThat(jdbc.queryForList("SELECT a || b FROM t", String.class)).containsExactly("2two");
    }
}
