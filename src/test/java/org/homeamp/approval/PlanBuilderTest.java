package org.homeamp.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import java.time.LocalDate;

import org.homeamp.drift.FindingKind;
import org.homeamp.drift.FindingState;
import org.homeamp.drift.StoredFinding;
import org.junit.jupiter.api.Test;

/** Which findings and update results become approvable changes, and with which ids. */
class PlanBuilderTest {
    private static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z");

    @Test
    void fixableFindingsBecomeConfigAndNewFileChangesOthersStayInDriftOnly() {
        List<StoredFinding> findings = List.of(
                finding("server.properties", "view-distance", "CHANGED", "8", "6", "NEW"),
                finding("plugins/LuckPerms/config.yml", "use-server-uuid-cache", "MISSING_KEY", "true", null, "NEW"),
                finding("config/paper-global.yml", "proxies", "TYPE_MISMATCH", "{}", "[]", "OPEN"),
                finding("plugins/Essentials/motd.txt", null, "MISSING_FILE", null, null, "NEW"),
                finding("plugins/Essentials/config.yml", null, "UNPARSEABLE", null, null, "NEW"),
                finding("server.properties", "extra", "EXTRA_KEY", null, "1", "NEW"),
                finding("server.properties", "motd", "CHANGED", "a", "b", "RESOLVED"));

        Plan plan = PlanBuilder.build("2026-11-20-abcdef", NOW, 7, findings, List.of());

        assertThat(plan.changes()).extracting(ProposedChange::type).containsExactly(ChangeType.CONFIG, ChangeType.CONFIG, ChangeType.CONFIG,
                ChangeType.NEW_FILE);
        assertThat(plan.drift()).hasSize(7);
        assertThat(plan.expires()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        ProposedChange first = plan.changes().get(0);
        assertThat(first.current()).isEqualTo("6");
        assertThat(first.proposed()).isEqualTo("8");
        assertThat(first.plugin()).isNull();
        assertThat(plan.changes().get(1).plugin()).isEqualTo("LuckPerms");
        assertThat(plan.changes().get(3).setting()).isNull();
        for (int i = 0; i < 4; i++) {
            assertThat(plan.changes().get(i).changeId()).isEqualTo(PlanBuilder.changeId(findings.get(i)).orElseThrow());
        }
        assertThat(PlanBuilder.changeId(findings.get(4))).isEmpty();
        assertThat(PlanBuilder.changeId(findings.get(6))).isEmpty();
    }

    @Test
    void secretFingerprintsMarkTheChangeSecret() {
        StoredFinding rcon = finding("server.properties", "rcon.password", "CHANGED", "secret:sha256:1a2b3c4d", "secret:sha256:9f8e7d6c", "NEW");

        ProposedChange c = PlanBuilder.build("p-1", NOW, 7, List.of(rcon), List.of()).changes().get(0);

        assertThat(c.secret()).isTrue();
        assertThat(c.current()).startsWith("secret:");
    }

    @Test
    void onlyStagedOrUnverifiedAvailableUpdatesArePluginUpdateChanges() {
        List<UpdateResultRow> updates = List.of(
                update("LuckPerms", "UPDATE_AVAILABLE", "STAGED", "abc", "sha512"),
                update("Essentials", "UPDATE_AVAILABLE", "UNVERIFIED", null, null),
                update("Vault", "UPDATE_AVAILABLE", "FAILED", "abc", "sha1"),
                update("WorldEdit", "UP_TO_DATE", "NOT_STAGED", null, null));

        Plan plan = PlanBuilder.build("p-1", NOW, 3, List.of(), updates);

        assertThat(plan.changes()).extracting(ProposedChange::plugin).containsExactly("LuckPerms", "Essentials");
        assertThat(plan.changes()).extracting(ProposedChange::checksumState).containsExactly("sha512 verified", "UNVERIFIED");
        assertThat(plan.changes().get(0).file()).isEqualTo("plugins/LuckPerms-1.0.jar");
        assertThat(plan.changes().get(0).current()).isEqualTo("1.0");
        assertThat(plan.changes().get(0).proposed()).isEqualTo("2.0");
        assertThat(plan.changes().get(0).changeId()).isEqualTo(PlanBuilder.changeId(updates.get(0)).orElseThrow());
        assertThat(plan.updates()).hasSize(4);
        assertThat(plan.updates().get(0).checksum()).isEqualTo("sha512:abc");
        assertThat(plan.updates().get(1).checksum()).isEqualTo("UNVERIFIED");
        assertThat(plan.updates().get(0).staged()).isTrue();
        assertThat(plan.updates().get(1).staged()).isFalse();
    }

    static StoredFinding finding(String file, String key, String kind, String expected, String actual, String state) {
        return new StoredFinding("F-" + file.hashCode() + (key == null ? "" : key), "hetzner", "Lobby01", file, key, FindingKind.valueOf(kind),
                expected, actual, FindingState.valueOf(state), LocalDate.of(2026, 11, 20), null, null, null);
    }

    private static UpdateResultRow update(String plugin, String state, String staged, String checksum, String algorithm) {
        return new UpdateResultRow("hetzner", "Lobby01", plugin, plugin + "-1.0.jar", "1.0", "2.0", state, "release", "modrinth", "2026-11-18",
                "https://example.org/changelog", "https://example.org/file.jar", 1234L, checksum, algorithm, null, staged, null);
    }
}
