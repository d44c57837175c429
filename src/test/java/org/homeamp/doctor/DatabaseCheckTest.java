package org.homeamp.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.homeamp.batch.RunLock;
import org.homeamp.ApplicationContexts;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.demo.DemoNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job database on a real H2 file: absent, current, behind, ahead of this version; the job lock. */
class DatabaseCheckTest {
    @TempDir
    Path tmp;
    HomeAmpSettings settings;

    @BeforeEach
    void demo() throws IOException {
        DemoNetwork network = DoctorDemo.generate(tmp.resolve("demo"));
        settings = DoctorDemo.settings(network);
    }

    @Test
    void databaseNotCreatedYetIsFineAndStaysAbsent() {
        DatabaseCheck.Outcome outcome = DatabaseCheck.check(settings);

        assertThat(AmpChecksTest.find(outcome.results(), "database").status()).isEqualTo(CheckStatus.OK);
        assertThat(settings.stateDir().resolve("db").resolve("homeamp.mv.db")).doesNotExist();
    }

    @Test
    void currentSchemaPassesAndPendingMigrationsWarn() {
        flyway().target("6").load().migrate();

        CheckResult behind = AmpChecksTest.find(DatabaseCheck.check(settings).results(), "database");

        assertThat(behind.status()).as(behind.line()).isEqualTo(CheckStatus.WARN);
        assertThat(behind.detail()).contains("schema V6").contains("not applied yet");

        flyway().load().migrate();
        CheckResult current = AmpChecksTest.find(DatabaseCheck.check(settings).results(), "database");

        assertThat(current.status()).as(current.line()).isEqualTo(CheckStatus.OK);
        assertThat(current.detail()).contains("is current");
    }

    @Test
    void schemaOfANewerVersionFails() throws Exception {
        flyway().load().migrate();
        try (Connection c = DriverManager.getConnection(ApplicationContexts.h2Url(settings.stateDir()), "sa", "");
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\", \"script\","
                    + " \"checksum\", \"installed_by\", \"execution_time\", \"success\") VALUES (99, '99', 'from the future', 'SQL',"
                    + " 'V99__from_the_future.sql', 0, 'sa', 1, TRUE)");
        }

        CheckResult ahead = AmpChecksTest.find(DatabaseCheck.check(settings).results(), "database");

        assertThat(ahead.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(ahead.detail()).contains("V99 from the future");
        assertThat(ahead.fix()).contains("docs/upgrading.md");
    }

    @Test
    void runningJobIsAWarning() throws IOException {
        try (RunLock held = RunLock.tryAcquire(settings.stateDir()).orElseThrow()) {
            CheckResult lock = AmpChecksTest.find(DatabaseCheck.check(settings).results(), "job-lock");

            assertThat(lock.status()).isEqualTo(CheckStatus.WARN);
            assertThat(lock.detail()).contains("running");
        }
        assertThat(AmpChecksTest.find(DatabaseCheck.check(settings).results(), "job-lock").status()).isEqualTo(CheckStatus.OK);
    }

    private org.flywaydb.core.api.configuration.FluentConfiguration flyway() {
        return Flyway.configure().dataSource(ApplicationContexts.h2Url(settings.stateDir()), "sa", "").locations("classpath:db/migration");
    }
}
