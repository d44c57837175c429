package org.homeamp.demo.updatesim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.RunOutcome;
import org.homeamp.testing.DemoFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

/**
 * The update check and the download on a small demo network while every source answers the first
 * request of each URL (API calls and files) with HTTP 429 and {@code Retry-After: 1}: ten runs, each
 * with every URL rate limited once and an empty staging folder, all end exactly as a fault-free run.
 */
class DemoUpdatesUnderFaultsTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final int FAULTY_RUNS = 10;

    @TempDir
    Path tmp;

    @Test
    void tenRunsRateLimitedFirstEndAsAFaultFreeRun() throws Exception {
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo"), 5, 12)) {
            UpdateSourceSimulator source = demo.hosts.updateSource();
            assertThat(demo.jobs().run(JobNames.DISCOVERY, DAY, List.of(), false).status()).isEqualTo(BatchStatus.COMPLETED);
            Map<String, String> faultFree = checkAndDownload(demo, DAY);
            Map<String, String> faultFreeStaged = staged(demo);
            assertThat(faultFree.values()).anyMatch(r -> r.contains("|UPDATE_AVAILABLE|") && r.endsWith("|STAGED"));
            assertThat(faultFreeStaged).isNotEmpty();

            for (int run = 1; run <= FAULTY_RUNS; run++) {
                deleteStaging(demo);
                long faultsBefore = source.faultsServed();
                source.faults(SimulatedFaults.rateLimitFirst());

                Map<String, String> results = checkAndDownload(demo, DAY.plusDays(run));

                assertThat(source.faultsServed() - faultsBefore).as("run %d was rate limited", run).isGreaterThan(faultFreeStaged.size());
                assertThat(results).as("results of run %d", run).isEqualTo(faultFree);
                assertThat(staged(demo)).as("staged files of run %d", run).isEqualTo(faultFreeStaged);
                assertThat(demo.count("SELECT COUNT(*) FROM problem WHERE run_date = ? AND kind IN ('UPDATE_CHECK_FAILED', 'DOWNLOAD_FAILED')",
                        DAY.plusDays(run))).isZero();
            }
        }
    }

    /** Runs update-check and download for {@code day}; their results, keyed by instance and plugin. */
    private static Map<String, String> checkAndDownload(DemoFixture demo, LocalDate day) {
        RunOutcome check = demo.jobs().run(JobNames.UPDATE_CHECK, day, List.of(), false);
        assertThat(check.status()).as(check.message()).isEqualTo(BatchStatus.COMPLETED);
        RunOutcome download = demo.jobs().run(JobNames.DOWNLOAD, day, List.of(), false);
        assertThat(download.status()).as(download.message()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, String> out = new TreeMap<>();
        demo.jdbc().query("""
                SELECT server, instance_name, plugin, installed, latest, state, reason, checksum, staged FROM update_result WHERE run_date = ?""",
                rs -> {
                    out.put(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3), rs.getString(4) + "|" + rs.getString(5) + "|"
                            + rs.getString(6) + "|" + rs.getString(7) + "|" + rs.getString(8) + "|" + rs.getString(9));
                }, day);
        return out;
    }

    /** Every file in staging by relative path, with its SHA-256. */
    private static Map<String, String> staged(DemoFixture demo) throws IOException {
        Path staging = demo.settings().stateDir().resolve("staging");
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(staging)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(staging)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.put(staging.relativize(file).toString(), sha256(file));
            }
        }
        return out;
    }

    private static void deleteStaging(DemoFixture demo) throws IOException {
        Path staging = demo.settings().stateDir().resolve("staging");
        if (Files.exists(staging)) {
            try (Stream<Path> all = Files.walk(staging)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
