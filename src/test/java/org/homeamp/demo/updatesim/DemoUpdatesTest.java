package org.homeamp.demo.updatesim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.RunOutcome;
import org.homeamp.testing.DemoFixture;
import org.homeamp.updates.UpdateState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

/** The demo's nightly run against its simulated update source: a bit of every update state, jars staged, one corrupt download refused. */
class DemoUpdatesTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    @TempDir
    Path tmp;

    @Test
    void nightlyOnTheDemoFindsUpdatesAndStagesTheirJars() throws Exception {
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo"), 6, 14)) {
            assertThat(demo.hosts.updateSource()).isNotNull();
            assertThat(demo.settings().sources().byName().get("modrinth").baseUrl()).startsWith(demo.hosts.updateSource().baseUrl());

            RunOutcome outcome = demo.jobs().run(JobNames.NIGHTLY, DAY, List.of(), false);

            assertThat(outcome.status()).as(outcome.message()).isEqualTo(BatchStatus.COMPLETED);
            for (UpdateState state : List.of(UpdateState.UPDATE_AVAILABLE, UpdateState.AHEAD, UpdateState.UNKNOWN_SOURCE, UpdateState.UP_TO_DATE)) {
                assertThat(demo.count("SELECT COUNT(*) FROM update_result WHERE state = ?", state.name())).as(state.name()).isPositive();
            }
            assertThat(demo.count("SELECT COUNT(*) FROM update_result WHERE state = 'CHECK_FAILED' AND reason NOT LIKE '%channel%'")).isZero();
            assertThat(demo.count("SELECT COUNT(DISTINCT plugin) FROM update_result WHERE staged = 'STAGED'")).isPositive();
            assertThat(demo.count("SELECT COUNT(DISTINCT plugin) FROM update_result WHERE staged = 'FAILED'")).isEqualTo(1);
            // spark comes from the simulated Jenkins, which (like a real one) publishes no checksum
            assertThat(demo.jdbc().queryForList("SELECT DISTINCT plugin FROM update_result WHERE staged = 'UNVERIFIED'", String.class))
                    .containsExactly("spark");
            assertThat(demo.jdbc().queryForList("SELECT DISTINCT plugin FROM update_result WHERE state = 'UNKNOWN_SOURCE'", String.class))
                    .containsExactly("TAB");
            assertThat(demo.count("SELECT COUNT(*) FROM problem WHERE kind = 'DOWNLOAD_REFUSED' AND message LIKE '%sha%'")).isEqualTo(1);
            Path json = demo.settings().stateDir().resolve("reports").resolve(DAY.toString()).resolve("updates.json");
            assertThat(Files.readString(json)).contains("\"staged\":\"STAGED\"").contains("\"state\":\"AHEAD\"");
        }
    }

    @Test
    void aNetworkWithEveryCataloguePluginHasNoFailedCheck() throws Exception {
        // 40 plugins: among them the three EssentialsX plugins, released together on one GitHub repository
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo40"), 5, 40)) {
            assertThat(demo.jobs().run(JobNames.DISCOVERY, DAY, List.of(), false).status()).isEqualTo(BatchStatus.COMPLETED);

            RunOutcome outcome = demo.jobs().run(JobNames.UPDATE_CHECK, DAY, List.of(), false);

            assertThat(outcome.status()).as(outcome.message()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(demo.jdbc().queryForList("SELECT DISTINCT plugin || ': ' || reason FROM update_result WHERE state = 'CHECK_FAILED'",
                    String.class)).isEmpty();
            assertThat(demo.count("SELECT COUNT(*) FROM problem WHERE kind = 'UPDATE_CHECK_FAILED'")).isZero();
            assertThat(demo.jdbc().queryForList("SELECT DISTINCT plugin FROM update_result WHERE state = 'UPDATE_AVAILABLE'", String.class))
                    .contains("Essentials", "EssentialsChat", "EssentialsSpawn");
        }
    }
}
