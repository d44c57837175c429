package org.homeamp.batch;

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

/** Temp files a kill -9 left in outbox, reports and staging are gone when the next job starts; nothing else is touched. */
class LeftoverTempFilesTest {
    @TempDir
    Path tmp;

    @Test
    void aJobStartRemovesTheLeftoversOfAKilledRunAndKeepsEverythingElse() throws Exception {
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo"), 5, 12)) {
            Path state = demo.settings().stateDir();
            List<Path> leftovers = List.of(
                    write(state.resolve("outbox/.2026-11-19-1.eml-8312047.tmp")),
                    write(state.resolve("reports/2026-11-19/.index.html-99.tmp")),
                    write(state.resolve("reports/2026-11-19/.drift.json.tmp")),
                    write(state.resolve("reports/2026-11-19/.report-4411/drift.html")),
                    write(state.resolve("staging/LuckPerms/5.4.2/.partial/LuckPerms-5.4.2.jar")));
            List<Path> kept = List.of(
                    write(state.resolve("outbox/2026-11-19-1.eml")),
                    write(state.resolve("reports/2026-11-19/index.html")),
                    write(state.resolve("reports/2026-11-19/.htaccess")),
                    write(state.resolve("staging/LuckPerms/5.4.2/LuckPerms-5.4.2.jar")));

            RunOutcome report = demo.jobs().run(JobNames.REPORT, LocalDate.of(2026, 11, 20), List.of(), false);

            assertThat(report.status()).as(report.message()).isEqualTo(BatchStatus.COMPLETED);
            for (Path p : leftovers) {
                assertThat(p).as("leftover").doesNotExist();
            }
            assertThat(state.resolve("reports/2026-11-19/.report-4411")).doesNotExist();
            assertThat(state.resolve("staging/LuckPerms/5.4.2/.partial")).doesNotExist();
            for (Path p : kept) {
                assertThat(p).as("kept").exists();
            }
        }
    }

    @Test
    void onlyThisToolsDotNamesCount() throws Exception {
        assertThat(LeftoverTempFiles.isLeftover(write(tmp.resolve(".approvals-2026-11-20.xlsx-123.tmp")))).isTrue();
        assertThat(LeftoverTempFiles.isLeftover(write(tmp.resolve("approvals-2026-11-20.xlsx.tmp")))).isFalse();
        assertThat(LeftoverTempFiles.isLeftover(write(tmp.resolve(".keep")))).isFalse();
        Path dir = Files.createDirectories(tmp.resolve(".reports-old"));
        assertThat(LeftoverTempFiles.isLeftover(dir)).isFalse();
    }

    private static Path write(Path p) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, "x");
        return p;
    }
}
