package org.homeamp.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.homeamp.ApplicationContexts;
import org.homeamp.batch.RunLock;
import org.homeamp.config.ConfigLoader;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.testing.EmbeddedPostgresDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** doctor's checks of a PostgreSQL job database, on a real PostgreSQL: reached, login, version, schema, password place, lock. */
class DatabaseCheckPostgresTest {
    @RegisterExtension
    final EmbeddedPostgresDb pg = EmbeddedPostgresDb.perMethod();

    @TempDir
    Path tmp;

    @Test
    void aFreshDatabaseIsReachedWithItsVersionAndTheFirstRunMakesTheSchemaCurrent() throws Exception {
        HomeAmpSettings settings = settings(datasource(pg.url(), pg.user()) + "    password-file: ./db.password\n", "rw-------");

        List<CheckResult> before = DatabaseCheck.check(settings, Map.of()).results();
        assertThat(AmpChecksTest.find(before, "database server").status()).isEqualTo(CheckStatus.OK);
        assertThat(AmpChecksTest.find(before, "database server").detail()).contains("PostgreSQL 14.").contains("login as homeamp_test accepted");
        assertThat(AmpChecksTest.find(before, "database").status()).isEqualTo(CheckStatus.WARN);
        assertThat(AmpChecksTest.find(before, "job repository").detail()).contains("not created yet");
        assertThat(before).noneMatch(r -> r.check().equals("database password"));

        try (ConfigurableApplicationContext context = ApplicationContexts.open(settings)) {
            // the first command creates the tool's and Spring Batch's tables
        }
        List<CheckResult> after = DatabaseCheck.check(settings, Map.of()).results();
        assertThat(AmpChecksTest.find(after, "database").status()).as(AmpChecksTest.find(after, "database").line()).isEqualTo(CheckStatus.OK);
        assertThat(AmpChecksTest.find(after, "database").detail()).contains("is current");
        assertThat(AmpChecksTest.find(after, "job repository").detail()).contains("has Spring Batch's tables");
        assertThat(AmpChecksTest.find(after, "job-lock").status()).isEqualTo(CheckStatus.OK);
        assertThat(after).allSatisfy(r -> assertThat(r.line()).doesNotContain(EmbeddedPostgresDb.PASSWORD));
    }

    @Test
    void aMissingDatabaseARefusedLoginAndAnUnreachableServerFailNamingTheSetting() throws Exception {
        List<CheckResult> missing = DatabaseCheck.check(settings(datasource(EmbeddedPostgresDb.url("no_such_db"), pg.user())
                + "    password: x\n", "rw-------"), Map.of()).results();
        CheckResult db = AmpChecksTest.find(missing, "database");
        assertThat(db.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(db.detail()).contains("does not exist");
        assertThat(db.fix()).contains("CREATE DATABASE homeamp OWNER homeamp_test").contains("spring.datasource.url");

        try (Connection admin = EmbeddedPostgresDb.server().getPostgresDatabase().getConnection(); Statement st = admin.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'no_login') THEN CREATE ROLE no_login NOLOGIN; END IF; END $$");
        }
        CheckResult login = AmpChecksTest.find(DatabaseCheck.check(settings(datasource(pg.url(), "no_login") + "    password: x\n",
                "rw-------"), Map.of()).results(), "database login");
        assertThat(login.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(login.fix()).contains("spring.datasource.username").contains("spring.datasource.password-file")
                .contains("SPRING_DATASOURCE_PASSWORD");

        CheckResult down = AmpChecksTest.find(DatabaseCheck.check(settings(datasource("jdbc:postgresql://127.0.0.1:1/homeamp", pg.user())
                + "    password: x\n", "rw-------"), Map.of()).results(), "database server");
        assertThat(down.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(down.detail()).contains("cannot reach jdbc:postgresql://127.0.0.1:1/homeamp");
        assertThat(down.fix()).contains("host and port in spring.datasource.url");
    }

    @Test
    void aPasswordInAHomeampYmlOthersCanReadFailsAndOneTheGroupCanReadWarns() throws Exception {
        String inline = datasource(pg.url(), pg.user()) + "    password: " + EmbeddedPostgresDb.PASSWORD + "\n";
        CheckResult world = AmpChecksTest.find(DatabaseCheck.check(settings(inline, "rw-r--r--"), Map.of()).results(), "database password");
        assertThat(world.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(world.fix()).contains("spring.datasource.password-file").contains("chmod 600");
        assertThat(world.line()).doesNotContain(EmbeddedPostgresDb.PASSWORD);

        CheckResult group = AmpChecksTest.find(DatabaseCheck.check(settings(inline, "rw-r-----"), Map.of()).results(), "database password");
        assertThat(group.status()).isEqualTo(CheckStatus.WARN);

        assertThat(DatabaseCheck.check(settings(inline, "rw-------"), Map.of()).results()).noneMatch(r -> r.check().equals("database password"));
        HomeAmpSettings fromEnv = settings(datasource(pg.url(), pg.user()), "rw-r--r--", Map.of("SPRING_DATASOURCE_PASSWORD", EmbeddedPostgresDb.PASSWORD));
        List<CheckResult> env = DatabaseCheck.check(fromEnv, Map.of("SPRING_DATASOURCE_PASSWORD", EmbeddedPostgresDb.PASSWORD)).results();
        assertThat(env).noneMatch(r -> r.check().equals("database password"));
        assertThat(AmpChecksTest.find(env, "database server").status()).isEqualTo(CheckStatus.OK);
    }

    @Test
    void aJobHoldingTheDatabasesLockIsAWarningNamingIt() throws Exception {
        HomeAmpSettings settings = settings(datasource(pg.url(), pg.user()) + "    password: x\n", "rw-------");
        HomeAmpSettings otherHost = settings(datasource(pg.url(), pg.user()) + "    password: x\n", "rw-------");
        Thread holder = new Thread(() -> {
            try (RunLock lock = RunLock.acquire(otherHost)) {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        holder.start();
        try {
            CheckResult lock = null;
            for (int i = 0; i < 100; i++) {
                lock = AmpChecksTest.find(DatabaseCheck.check(settings, Map.of()).results(), "job-lock");
                if (lock.status() == CheckStatus.WARN) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(lock.status()).isEqualTo(CheckStatus.WARN);
            assertThat(lock.detail()).contains("on this job database").contains("homeamp " + ProcessHandle.current().pid() + "@");
        } finally {
            holder.interrupt();
            holder.join(10_000);
        }
    }

    @Test
    void eachServersWorkerIsShownWithWhetherItGetsPartitionsAndWhyNot() throws Exception {
        HomeAmpSettings settings = settings(datasource(pg.url(), pg.user()) + "    password: x\n", "rw-------");
        try (ConfigurableApplicationContext context = ApplicationContexts.open(settings)) {
            org.homeamp.drift.SecretMasker.forStateDir(settings.stateDir());
            String key = org.homeamp.batch.RemotePartitions.fingerprintKeyId(settings.stateDir());
            org.homeamp.batch.WorkerHeartbeats beats = new org.homeamp.batch.WorkerHeartbeats(
                    context.getBean(org.springframework.jdbc.core.JdbcTemplate.class));
            assertThat(AmpChecksTest.find(DatabaseCheck.check(settings, Map.of()).results(), "workers").detail())
                    .contains("no homeamp worker has registered");

            beats.register("ovh-1:41:aa", "local", "ovh-1", 41, "0.1.0", key);
            CheckResult serving = AmpChecksTest.find(DatabaseCheck.check(settings, Map.of()).results(), "worker local");
            assertThat(serving.status()).isEqualTo(CheckStatus.OK);
            assertThat(serving.detail()).contains("ovh-1 (pid 41, 0.1.0): gets local's partitions (idle)");

            beats.remove("ovh-1:41:aa");
            beats.register("ovh-1:42:bb", "local", "ovh-1", 42, "0.1.0", "0123456789abcdef");
            CheckResult otherKey = AmpChecksTest.find(DatabaseCheck.check(settings, Map.of()).results(), "worker local");
            assertThat(otherKey.status()).isEqualTo(CheckStatus.WARN);
            assertThat(otherKey.detail()).contains("its fingerprint.key is not this host's").contains("this host reads local itself (files: local)");
            assertThat(otherKey.fix()).contains(settings.stateDir().resolve("fingerprint.key").toString());

            beats.remove("ovh-1:42:bb");
            beats.register("ovh-1:43:cc", "local", "ovh-1", 43, "0.1.0", null);
            assertThat(AmpChecksTest.find(DatabaseCheck.check(settings, Map.of()).results(), "worker local").detail())
                    .contains("its host has no fingerprint.key");

            context.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                    .update("UPDATE worker_heartbeat SET fingerprint_key_id = ?, last_beat = CURRENT_TIMESTAMP - INTERVAL '10 minutes'", key);
            CheckResult gone = AmpChecksTest.find(DatabaseCheck.check(settings, Map.of()).results(), "worker local");
            assertThat(gone.status()).isEqualTo(CheckStatus.WARN);
            assertThat(gone.detail()).contains("last beat 600 s ago (worker.stale-after 45 s): it is gone");
            assertThat(gone.fix()).contains("on ovh-1: systemctl status homeamp-worker");
        }
    }

    private static String datasource(String url, String user) {
        return "spring:\n  datasource:\n    url: " + url + "\n    username: " + user + "\n";
    }

    private int configs;

    private HomeAmpSettings settings(String spring, String mode) throws Exception {
        return settings(spring, mode, Map.of());
    }

    private HomeAmpSettings settings(String spring, String mode, Map<String, String> env) throws Exception {
        Path dir = tmp.resolve("c" + (++configs));
        Files.createDirectories(dir.resolve("instances"));
        Path pw = Files.createFile(dir.resolve("db.password"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(pw, EmbeddedPostgresDb.PASSWORD + "\n");
        Path yml = dir.resolve("homeamp.yml");
        Files.writeString(yml, """
                homeamp:
                  state-dir: ./state
                  servers:
                    - name: local
                      amp-url: http://127.0.0.1:1
                      username: homeamp
                      password-env: AMP_PW
                      files: local
                      instances-dir: ./instances
                """ + spring);
        Files.setPosixFilePermissions(yml, PosixFilePermissions.fromString(mode));
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("AMP_PW", "x");
        return ConfigLoader.load(yml, all, "test");
    }
}
