package org.homeamp.updates.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.homeamp.updates.UpdateDecider;
import org.homeamp.updates.UpdateResult;
import org.homeamp.updates.UpdateState;
import org.homeamp.updates.registry.Channel;
import org.homeamp.updates.registry.RegistryEntry;
import org.homeamp.updates.registry.SourceType;
import org.junit.jupiter.api.Test;

class ModrinthSourceTest extends SourceFailureContract {
    private static final Path CORPUS = Path.of("../shared/corpus/update-sources/modrinth");

    /** Two versions written for this test: a release with main, sources and javadoc jars, and a newer beta. */
    static final String VERSIONS = """
            [
              {"id":"v2","project_id":"proj1","version_number":"2.1.0-beta.1","version_type":"beta","status":"listed",
               "date_published":"2026-03-02T10:00:00.000000Z","loaders":["paper"],
               "files":[{"url":"https://cdn.example/p/2.1.0-beta.1.jar","filename":"Plug-2.1.0-beta.1.jar","primary":true,
                         "size":222,"file_type":null,"hashes":{"sha1":"b1","sha512":"b512"}}]},
              {"id":"v1","project_id":"proj1","version_number":"2.0.0","version_type":"release","status":"listed",
               "date_published":"2026-02-01T10:00:00.000000Z","loaders":["paper","spigot"],
               "files":[
                 {"url":"https://cdn.example/p/Plug-2.0.0-sources.jar","filename":"Plug-2.0.0-sources.jar","primary":false,
                  "size":50,"file_type":"sources-jar","hashes":{"sha1":"s1","sha512":"s512"}},
                 {"url":"https://cdn.example/p/Plug-2.0.0.jar","filename":"Plug-2.0.0.jar","primary":true,
                  "size":111,"file_type":null,"hashes":{"sha1":"a1","sha512":"a512"}},
                 {"url":"https://cdn.example/p/Plug-2.0.0-javadoc.jar","filename":"Plug-2.0.0-javadoc.jar","primary":false,
                  "size":60,"file_type":"javadoc-jar","hashes":{"sha1":"j1","sha512":"j512"}}]},
              {"id":"v0","project_id":"proj1","version_number":"1.9.0","version_type":"release","status":"archived",
               "date_published":"2026-01-01T10:00:00.000000Z","loaders":["paper"],"files":[]}
            ]""";

    @Override
    protected UpdateSource source(SourceHttp http) {
        return new ModrinthSource(http, base());
    }

    @Override
    protected RegistryEntry entry() {
        return RegistryEntry.of("Plug", SourceType.MODRINTH, "proj1");
    }

    @Override
    protected String firstAnswer() {
        return VERSIONS;
    }

    @Test
    void listsVersionsWithLoaderFilterAndPrimaryFile() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(VERSIONS).build());

        List<Candidate> candidates = source(http()).candidates(entry(), jar("Plug", "2.0.0").withHash("a512"));

        assertThat(candidates).extracting(Candidate::version).containsExactly("2.1.0-beta.1", "2.0.0");
        Candidate release = candidates.get(1);
        assertThat(release.fileName()).isEqualTo("Plug-2.0.0.jar");
        assertThat(release.size()).isEqualTo(111);
        assertThat(release.algorithm()).isEqualTo(HashAlgorithm.SHA512);
        assertThat(release.checksum()).isEqualTo("a512");
        assertThat(release.hashes()).containsEntry(HashAlgorithm.SHA1, "a1");
        assertThat(release.channel()).isEqualTo(Channel.RELEASE);
        assertThat(candidates.get(0).channel()).isEqualTo(Channel.BETA);
        RecordedRequest request = server.takeRequest();
        String target = URLDecoder.decode(request.getTarget(), StandardCharsets.UTF_8);
        assertThat(target).startsWith("/api/project/proj1/version?loaders=[\"paper\",\"spigot\",\"bukkit\"")
                .doesNotContain("game_versions");
        assertThat(request.getHeaders().get("User-Agent")).startsWith("homeamp-test/1.0");
    }

    @Test
    void assetRegexPicksTheFileAndNeverSourcesJars() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(VERSIONS).build());
        server.enqueue(new MockResponse.Builder().code(404).build());

        List<Candidate> candidates = source(http()).candidates(entry().withAsset("Plug-.*\\.jar"), jar("Plug", "1.0"));

        assertThat(candidates).extracting(Candidate::fileName).containsExactly("Plug-2.1.0-beta.1.jar", "Plug-2.0.0.jar");
    }

    @Test
    void betaIsFilteredOnTheReleaseChannel() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(VERSIONS).build());
        server.enqueue(new MockResponse.Builder().code(404).build());

        UpdateResult result = new UpdateDecider().decide(jar("Plug", "1.9.0"), entry(),
                source(http()).candidates(entry(), jar("Plug", "1.9.0")));

        assertThat(result.state()).isEqualTo(UpdateState.UPDATE_AVAILABLE);
        assertThat(result.to()).isEqualTo("2.0.0");
    }

    @Test
    void installedJarUnknownToTheListIsLookedUpByHash() throws Exception {
        String installedVersion = """
                {"id":"old","project_id":"proj1","version_number":"1.5.0","version_type":"release","status":"listed",
                 "date_published":"2025-01-01T00:00:00Z",
                 "files":[{"url":"https://cdn.example/p/Plug-1.5.0.jar","filename":"Plug-1.5.0.jar","primary":true,"size":9,
                           "hashes":{"sha1":"o1","sha512":"o512"}}]}""";
        server.enqueue(new MockResponse.Builder().code(200).body(VERSIONS).build());
        server.enqueue(new MockResponse.Builder().code(200).body(installedVersion).build());

        List<Candidate> candidates = source(http()).candidates(entry(), jar("Plug", "weird-build").withHash("o512"));

        assertThat(candidates).extracting(Candidate::version).contains("1.5.0");
        server.takeRequest();
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/version_file/o512?algorithm=sha512");
        UpdateResult result = new UpdateDecider().decide(jar("Plug", "weird-build").withHash("o512"), entry(), candidates);
        assertThat(result.state()).isEqualTo(UpdateState.UPDATE_AVAILABLE);
        assertThat(result.from()).isEqualTo("1.5.0");
    }

    @Test
    void bulkLookupMapsHashesToProjects() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("""
                {"a512": {"id":"v1","project_id":"proj1","version_number":"2.0.0","version_type":"release",
                          "files":[{"url":"u","filename":"Plug-2.0.0.jar","primary":true,"size":1,"hashes":{"sha1":"a1","sha512":"a512"}}]}}
                """).build());

        Map<String, ModrinthSource.Identified> found = new ModrinthSource(http(), base()).identifyAll(List.of("a512", "zz"));

        assertThat(found).containsOnlyKeys("a512");
        assertThat(found.get("a512").projectId()).isEqualTo("proj1");
        assertThat(found.get("a512").version().version()).isEqualTo("2.0.0");
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/api/version_files");
        assertThat(request.getBody().utf8()).contains("\"hashes\":[\"a512\",\"zz\"]").contains("\"algorithm\":\"sha512\"");
    }

    @Test
    void realDiscordSrvVersionsSkipJavadocAndSourcesJars() throws Exception {
        String body = corpus("project-discordsrv-versions.json");
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());
        server.enqueue(new MockResponse.Builder().code(404).build());
        RegistryEntry discord = RegistryEntry.of("DiscordSRV", SourceType.MODRINTH, "UmLGoGij");

        List<Candidate> candidates = source(http()).candidates(discord, jar("DiscordSRV", "1.28.0"));

        assertThat(candidates).hasSize(12);
        assertThat(candidates).extracting(Candidate::fileName).allSatisfy(name ->
                assertThat(name).doesNotContain("-javadoc").doesNotContain("-sources"));
        UpdateResult result = new UpdateDecider().decide(jar("DiscordSRV", "1.28.0"), discord, candidates);
        assertThat(result.state()).isEqualTo(UpdateState.UPDATE_AVAILABLE);
        assertThat(result.to()).isEqualTo("1.30.4");
        assertThat(result.fileName()).isEqualTo("DiscordSRV-Build-1.30.4.jar");
    }

    @Test
    void realViaVersionReleaseChannelIgnoresSnapshotBuilds() throws Exception {
        String body = corpus("project-viaversion-versions.json");
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());
        server.enqueue(new MockResponse.Builder().code(404).build());
        RegistryEntry via = RegistryEntry.of("ViaVersion", SourceType.MODRINTH, "P1OZGk5p");

        List<Candidate> candidates = source(http()).candidates(via, jar("ViaVersion", "5.7.1"));
        UpdateResult onRelease = new UpdateDecider().decide(jar("ViaVersion", "5.7.1"), via, candidates);
        UpdateResult onBeta = new UpdateDecider().decide(jar("ViaVersion", "5.7.1"), via.withChannel(Channel.BETA), candidates);

        assertThat(onRelease.state()).isEqualTo(UpdateState.UP_TO_DATE);
        assertThat(onBeta.state()).isEqualTo(UpdateState.UPDATE_AVAILABLE);
        assertThat(onBeta.to()).isEqualTo("5.7.2-SNAPSHOT+906");
    }

    @Test
    void realGriefPreventionDuplicateAndBetaVersionsOrderRight() throws Exception {
        String body = corpus("project-griefprevention-versions.json");
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());
        server.enqueue(new MockResponse.Builder().code(404).build());
        RegistryEntry gp = RegistryEntry.of("GriefPrevention", SourceType.MODRINTH, "O4o4mKaq").withChannel(Channel.BETA);

        UpdateResult result = new UpdateDecider().decide(jar("GriefPrevention", "16.18.3-beta1"), gp,
                source(http()).candidates(gp, jar("GriefPrevention", "16.18.3-beta1")));

        assertThat(result.state()).isEqualTo(UpdateState.UPDATE_AVAILABLE);
        assertThat(result.to()).isEqualTo("16.18.5");
    }

    @Test
    void realGeyserBetasNeedTheBetaChannel() throws Exception {
        String body = corpus("project-geyser-only-betas.json");
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());
        server.enqueue(new MockResponse.Builder().code(404).build());
        RegistryEntry geyser = RegistryEntry.of("Geyser-Fabric", SourceType.MODRINTH, "wKkoqHrH");

        List<Candidate> candidates = source(http()).candidates(geyser, jar("Geyser-Fabric", "2.2.1-SNAPSHOT+build.420"));
        UpdateResult onRelease = new UpdateDecider().decide(jar("Geyser-Fabric", "2.2.1-SNAPSHOT+build.420"), geyser, candidates);
        UpdateResult onBeta = new UpdateDecider().decide(jar("Geyser-Fabric", "2.2.1-SNAPSHOT+build.420"),
                geyser.withChannel(Channel.BETA), candidates);

        assertThat(onRelease.state()).isEqualTo(UpdateState.CHECK_FAILED);
        assertThat(onRelease.reason()).contains("set channel: beta");
        assertThat(onBeta.state()).isEqualTo(UpdateState.UPDATE_AVAILABLE);
        assertThat(onBeta.to()).isEqualTo("2.2.1-SNAPSHOT-421");
    }

    private static String corpus(String name) throws Exception {
        Path file = CORPUS.resolve(name);
        assumeTrue(Files.isRegularFile(file), "research corpus not present: " + file);
        return Files.readString(file);
    }
}
