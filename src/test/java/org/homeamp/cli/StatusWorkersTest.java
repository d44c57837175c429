package org.homeamp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.homeamp.batch.RemotePartitions;
import org.homeamp.batch.WorkerHeartbeats;
import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.homeamp.drift.SecretMasker;
import org.homeamp.testing.EmbeddedPostgresDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * {@code homeamp status} on PostgreSQL lists the workers that registered: the one that gets its
 * server's partitions, the one whose fingerprint key differs (it gets nothing), the one that stopped
 * beating, with a pointer to {@code doctor}; with none registered it prints no workers section.
 */
class StatusWorkersTest {
    @RegisterExtension
    static final EmbeddedPostgresDb pg = new EmbeddedPostgresDb();

    @TempDir
    Path tmp;

    @Test
    void theRegisteredWorkersAreListedWithWhetherTheyGetPartitions() throws Exception {
        DemoNetwork net = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 6, 14, false);
        pg.writeDatasource(net.configFile());
        String config = net.configFile().toString();
        // the manager's side creates the tables
        assertThat(CliRun.of("history", "--config", config).exit()).isZero();
        CliRun none = CliRun.of("status", "--config", config);
        assertThat(none.exit()).as(none.err()).isZero();
        assertThat(none.out()).doesNotContain("Workers");

        Path state = net.dir().resolve("state");
        SecretMasker.forStateDir(state);
        String key = RemotePartitions.fingerprintKeyId(state);
        try (SingleConnectionDataSource ds = new SingleConnectionDataSource(pg.connect(), true)) {
            WorkerHeartbeats beats = new WorkerHeartbeats(new JdbcTemplate(ds));
            beats.register("ovh-1:41:aa", "ovh", "ovh-1", 41, "0.1.0", key);
            beats.beat("ovh-1:41:aa", 17L);
            beats.register("hetzner-1:42:bb", "hetzner", "hetzner-1", 42, "0.1.0", "0123456789abcdef");
            beats.register("ovh-0:40:zz", "ovh", "ovh-0", 40, "0.0.9", key);
            new JdbcTemplate(ds).update("UPDATE worker_heartbeat SET last_beat = CURRENT_TIMESTAMP - INTERVAL '2 hours' WHERE worker_id = 'ovh-0:40:zz'");
        }

        CliRun status = CliRun.of("status", "--config", config);

        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("Workers:")
                .containsPattern("ovh +ovh-1 +41 +0\\.1\\.0 +\\d+ s ago +step execution 17 +serving")
                .containsPattern("hetzner +hetzner-1 +42 .* idle +gets nothing: another fingerprint.key than this host's")
                .containsPattern("ovh +ovh-0 +40 +0\\.0\\.9 +7\\d{3} s ago +- +gone")
                .contains("'homeamp doctor' says what to fix")
                .doesNotContain(EmbeddedPostgresDb.PASSWORD);
    }
}
