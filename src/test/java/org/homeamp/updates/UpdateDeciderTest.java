package org.homeamp.updates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.homeamp.updates.registry.Channel;
import org.homeamp.updates.registry.Hold;
import org.homeamp.updates.registry.RegistryEntry;
import org.homeamp.updates.registry.SourceType;
import org.homeamp.updates.sources.Candidate;
import org.homeamp.updates.sources.HashAlgorithm;
import org.homeamp.updates.sources.InstalledJar;
import org.homeamp.updates.sources.SourceException;
import org.junit.jupiter.api.Test;

class UpdateDeciderTest {
    private final UpdateDecider decider = new UpdateDecider();
    private final RegistryEntry luckPerms = RegistryEntry.of("LuckPerms", SourceType.MODRINTH, "Vebnzrzj");

    private static Candidate candidate(String version, Channel channel, String sha512, int day) {
        return new Candidate(version, channel, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(day * 86400L),
                "https://cdn.example/" + version + ".jar", "LuckPerms-Bukkit-" + version + ".jar", 1000,
                sha512 == null ? Map.of() : Map.of(HashAlgorithm.SHA512, sha512), "https://example/changelog/" + version, -1);
    }

    private static InstalledJar jar(String version, String sha512) {
        return new InstalledJar("LuckPerms", version, "LuckPerms-Bukkit-" + version + ".jar", null, null, sha512, "paper");
    }

    private final List<Candidate> published = List.of(
            candidate("5.4.110", Channel.RELEASE, "aa", 1),
            candidate("5.5.0", Channel.RELEASE, "bb", 2),
            candidate("5.5.1-beta", Channel.BETA, "cc", 3));

    @Test
    void olderInstalledVersionHasAnUpdateWithFileAndChecksum() {
        UpdateResult result = decider.decide(jar("5.4.110", "zz"), luckPerms, published);

        assertThat(result.state()).isEqualTo(UpdateState.UPDATE_AVAILABLE);
        assertThat(result.from()).isEqualTo("5.4.110");
        assertThat(result.to()).isEqualTo("5.5.0");
        assertThat(result.channel()).isEqualTo(Channel.RELEASE);
        assertThat(result.fileUrl()).isEqualTo("https://cdn.example/5.5.0.jar");
        assertThat(result.size()).isEqualTo(1000);
        assertThat(result.checksum()).isEqualTo("bb");
        assertThat(result.algorithm()).isEqualTo(HashAlgorithm.SHA512);
        assertThat(result.changelogUrl()).endsWith("5.5.0");
        assertThat(result.date()).isEqualTo(Instant.parse("2026-01-03T00:00:00Z"));
    }

    @Test
    void newestVersionInstalledIsUpToDate() {
        assertThat(decider.decide(jar("5.5.0", null), luckPerms, published).state()).isEqualTo(UpdateState.UP_TO_DATE);
    }

    @Test
    void betaChannelAcceptsBetas() {
        UpdateResult result = decider.decide(jar("5.5.0", null), luckPerms.withChannel(Channel.BETA), published);

        assertThat(result.state()).isEqualTo(UpdateState.UPDATE_AVAILABLE);
        assertThat(result.to()).isEqualTo("5.5.1-beta");
    }

    @Test
    void installedBetaOnReleaseChannelIsAhead() {
        UpdateResult result = decider.decide(jar("5.5.1-beta", null), luckPerms, published);

        assertThat(result.state()).isEqualTo(UpdateState.AHEAD);
        assertThat(result.to()).isEqualTo("5.5.0");
        assertThat(result.reason()).contains("newer than the newest accepted 5.5.0");
    }

    @Test
    void hashEqualityOverridesTheVersionString() {
        // Vault-style: the jar says 1.7.3-b131, the published file with the same bytes is 5.5.0.
        UpdateResult result = decider.decide(jar("1.7.3-b131", "bb"), luckPerms, published);

        assertThat(result.state()).isEqualTo(UpdateState.UP_TO_DATE);
        assertThat(result.from()).isEqualTo("5.5.0");
        assertThat(result.reason()).contains("identified by hash");
    }

    @Test
    void hashOfAnOlderFileMeansUpdateEvenWhenTheStringLooksNewer() {
        UpdateResult result = decider.decide(jar("99.0-dev", "aa"), luckPerms, published);

        assertThat(result.state()).isEqualTo(UpdateState.UPDATE_AVAILABLE);
        assertThat(result.from()).isEqualTo("5.4.110");
    }

    @Test
    void holdTrueReportsTheNewestButProposesNothing() {
        UpdateResult result = decider.decide(jar("5.4.110", null), luckPerms.withHold(Hold.ALL), published);

        assertThat(result.state()).isEqualTo(UpdateState.HELD);
        assertThat(result.to()).isEqualTo("5.5.0");
        assertThat(result.reason()).contains("hold: true").contains("5.5.0 is available");
    }

    @Test
    void holdPrefixStaysWithinIt() {
        List<Candidate> withPatch = List.of(published.get(0), published.get(1), candidate("5.4.111", Channel.RELEASE, "dd", 4));

        UpdateResult result = decider.decide(jar("5.4.110", null), luckPerms.withHold(Hold.prefix("5.4")), withPatch);

        assertThat(result.state()).isEqualTo(UpdateState.UPDATE_AVAILABLE);
        assertThat(result.to()).isEqualTo("5.4.111");
        assertThat(result.reason()).contains("5.5.0 is out but outside the held 5.4");
    }

    @Test
    void holdPrefixWithNothingInsideIsHeld() {
        UpdateResult result = decider.decide(jar("5.3.0", null), luckPerms.withHold(Hold.prefix("5.3")), published);

        assertThat(result.state()).isEqualTo(UpdateState.HELD);
        assertThat(result.to()).isEqualTo("5.5.0");
    }

    @Test
    void noEntryOrManualSourceIsUnknownSource() {
        assertThat(decider.decide(jar("1.0", null), null, List.of()).state()).isEqualTo(UpdateState.UNKNOWN_SOURCE);
        RegistryEntry manual = RegistryEntry.of("LiteBans", SourceType.MANUAL, null);
        UpdateResult result = decider.check(jar("1.0", null), manual, null);
        assertThat(result.state()).isEqualTo(UpdateState.UNKNOWN_SOURCE);
        assertThat(result.reason()).contains("manual");
    }

    @Test
    void incomparableVersionsFailTheCheckWithTheFix() {
        UpdateResult result = decider.decide(jar("3a6fdd9", null), luckPerms, published);

        assertThat(result.state()).isEqualTo(UpdateState.CHECK_FAILED);
        assertThat(result.reason()).contains("cannot compare").contains("version-pattern");
    }

    @Test
    void onlyBetasOnAReleaseChannelFailWithTheFix() {
        UpdateResult result = decider.decide(jar("2.2.0", null), luckPerms, List.of(published.get(2)));

        assertThat(result.state()).isEqualTo(UpdateState.CHECK_FAILED);
        assertThat(result.reason()).contains("set channel: beta");
    }

    @Test
    void sourceFailureBecomesCheckFailedWithReason() {
        UpdateResult result = decider.failed(jar("1.0", null), new SourceException.NotFound("https://x/project/y answered HTTP 404"));

        assertThat(result.state()).isEqualTo(UpdateState.CHECK_FAILED);
        assertThat(result.reason()).startsWith("NOT_FOUND: ").contains("404");
    }

    @Test
    void jenkinsBuildNumbersDecide() {
        RegistryEntry citizens = RegistryEntry.of("Citizens", SourceType.JENKINS, "https://ci.example/job/Citizens2/");
        Candidate build = new Candidate("2.0.35-b3600", Channel.RELEASE, null, "https://ci/a.jar", "Citizens-2.0.35-b3600.jar",
                -1, Map.of(), null, 3600);
        InstalledJar installed = new InstalledJar("Citizens", "2.0.35-SNAPSHOT (build 3513)", "Citizens.jar", null, null, null, "paper");

        UpdateResult result = decider.decide(installed, citizens, List.of(build));

        assertThat(result.state()).isEqualTo(UpdateState.UPDATE_AVAILABLE);
        assertThat(result.algorithm()).isEqualTo(HashAlgorithm.UNVERIFIED);
        assertThat(result.unverified()).isTrue();
        assertThat(result.reason()).contains("UNVERIFIED");
    }

    @Test
    void versionPatternMakesOddStringsComparable() {
        RegistryEntry vault = RegistryEntry.of("Vault", SourceType.GITHUB, "MilkBowl/Vault").withVersionPattern("(\\d+(?:\\.\\d+)+)");
        Candidate tag = new Candidate("1.7.3", Channel.RELEASE, null, "u", "Vault.jar", 1, Map.of(), null, -1);
        InstalledJar installed = new InstalledJar("Vault", "1.7.3-b131", "Vault.jar", null, null, null, "paper");

        assertThat(decider.decide(installed, vault, List.of(tag)).state()).isEqualTo(UpdateState.UP_TO_DATE);
    }

    @Test
    void duplicateVersionsPreferTheLaterPublication() {
        List<Candidate> twice = List.of(candidate("16.18.2", Channel.BETA, "b1", 1), candidate("16.18.2", Channel.RELEASE, "r1", 5));

        UpdateResult result = decider.decide(jar("16.18.1", null), luckPerms.withChannel(Channel.BETA), twice);

        assertThat(result.checksum()).isEqualTo("r1");
    }
}
