package org.homeamp.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.homeamp.approval.PlanBuilder;
import org.homeamp.batch.JobNames;
import org.homeamp.testing.DemoFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** drift.json names each finding's workbook Change ID, and secret fingerprints in it use the installation's key. */
class DriftJsonChangeIdAndFingerprintTest {
    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 20);

    @TempDir
    Path tmp;

    @Test
    void driftJsonCarriesTheChangeIdAndKeyedFingerprints() throws Exception {
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo"), 6, 14)) {
            demo.jobs().run(JobNames.DISCOVERY, DAY1, List.of(), false);
            demo.jobs().run(JobNames.DRIFT_SCAN, DAY1, List.of(), false);

            Path state = demo.settings().stateDir();
            JsonNode json = JsonMapper.builder().build().readTree(java.nio.file.Files.readString(state.resolve("reports").resolve(DAY1.toString()).resolve("drift.json")));
            long runId = demo.count("SELECT MAX(run_id) FROM drift_run");
            List<StoredFinding> stored = new FindingQueries(demo.jdbc()).ofRun(runId);
            assertThat(json.get("findings")).hasSize(stored.size());
            for (int i = 0; i < stored.size(); i++) {
                JsonNode f = json.get("findings").get(i);
                String expected = PlanBuilder.changeId(stored.get(i)).orElse(null);
                assertThat(f.get("id").asString()).isEqualTo(stored.get(i).id());
                if (expected == null) {
                    assertThat(f.get("change_id").isNull()).as(f.toString()).isTrue();
                } else {
                    assertThat(f.get("change_id").asString()).as(f.toString()).isEqualTo(expected).startsWith("C-");
                }
            }
            assertThat(stored).anyMatch(f -> f.kind() == FindingKind.UNPARSEABLE);

            StoredFinding rcon = stored.stream().filter(f -> "rcon.password".equals(f.key())).findFirst().orElseThrow();
            SecretMasker installation = SecretMasker.forStateDir(state);
            List<String> keyed = new ArrayList<>();
            List<String> plain = new ArrayList<>();
            for (String clear : DemoSecrets.values()) {
                keyed.add(installation.fingerprint(clear));
                plain.add(SecretMasker.PREFIX + HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(clear.getBytes(StandardCharsets.UTF_8)), 0, 4));
            }
            assertThat(List.of(rcon.expected(), rcon.actual())).anyMatch(keyed::contains).noneMatch(plain::contains);
        }
    }
}
