package org.homeamp.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.RunOutcome;
import org.homeamp.testing.DemoFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

/**
 * A baseline file missing on an instance is a MISSING_FILE finding whether the instance's files are
 * read from disk ({@code files: local}, hetzner) or through AMP's FileManager ({@code files: amp-api},
 * ovh), where AMP answers the read with {@code Status:false, "Could not find file '...'"}.
 */
class MissingFileDriftScanTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    @TempDir
    Path tmp;

    @Test
    void missingBaselineFileIsMissingFileOnAmpApiServerAsOnLocalServer() throws Exception {
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo"), 6, 12)) {
            // given: server.properties (in every group's baseline) gone on one instance of each server
            String local = firstInstance(demo, "hetzner");
            String remote = firstInstance(demo, "ovh");
            Files.delete(minecraft(demo, "hetzner", local).resolve("server.properties"));
            Files.delete(minecraft(demo, "ovh", remote).resolve("server.properties"));
            demo.jobs().run(JobNames.DISCOVERY, DAY, List.of(), false);

            // when
            RunOutcome scan = demo.jobs().run(JobNames.DRIFT_SCAN, DAY, List.of(), false);

            // then
            assertThat(scan.status()).as(scan.message()).isEqualTo(BatchStatus.COMPLETED);
            String missing = "SELECT COUNT(*) FROM drift_finding WHERE server = ? AND instance_name = ? AND file = 'server.properties'"
                    + " AND kind = 'MISSING_FILE'";
            assertThat(demo.count(missing, "hetzner", local)).isEqualTo(1);
            assertThat(demo.count(missing, "ovh", remote)).isEqualTo(1);
            assertThat(demo.count("SELECT COUNT(*) FROM problem WHERE path = 'server.properties'")).isZero();
        }
    }

    private static Path minecraft(DemoFixture demo, String server, String instance) {
        return demo.network.dir().resolve("hosts").resolve(server).resolve("instances").resolve(instance).resolve("Minecraft");
    }

    private static String firstInstance(DemoFixture demo, String server) throws Exception {
        Path instances = demo.network.dir().resolve("hosts").resolve(server).resolve("instances");
        try (var dirs = Files.list(instances)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("Minecraft/server.properties")))
                    .map(d -> d.getFileName().toString()).sorted().findFirst().orElseThrow();
        }
    }
}
