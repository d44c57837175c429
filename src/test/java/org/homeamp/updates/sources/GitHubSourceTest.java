package org.homeamp.updates.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.homeamp.updates.UpdateDecider;
import org.homeamp.updates.UpdateResult;
import org.homeamp.updates.UpdateState;
import org.homeamp.updates.registry.Channel;
import org.homeamp.updates.registry.RegistryEntry;
import org.homeamp.updates.registry.SourceType;
import org.junit.jupiter.api.Test;

class GitHubSourceTest extends SourceFailureContract {
    /** Three releases: a pre-release, a release with several jars and a digest, and a draft. */
    static final String RELEASES = """
            [
              {"tag_name":"2.22.0-rc.1","name":"RC","draft":false,"prerelease":true,"published_at":"2026-03-01T00:00:00Z",
               "html_url":"https://github.com/EssentialsX/Essentials/releases/tag/2.22.0-rc.1",
               "assets":[{"name":"EssentialsX-2.22.0-rc.1.jar","size":10,"digest":null,
                          "browser_download_url":"https://github.com/dl/EssentialsX-2.22.0-rc.1.jar"}]},
              {"tag_name":"v2.21.2","name":"2.21.2","draft":false,"prerelease":false,"published_at":"2026-02-01T00:00:00Z",
               "html_url":"https://github.com/EssentialsX/Essentials/releases/tag/2.21.2",
               "assets":[
                 {"name":"EssentialsX-2.21.2-sources.jar","size":5,"digest":"sha256:aaaa","browser_download_url":"https://github.com/dl/src.jar"},
                 {"name":"EssentialsXChat-2.21.2.jar","size":6,"digest":"sha256:bbbb","browser_download_url":"https://github.com/dl/chat.jar"},
                 {"name":"EssentialsX-2.21.2.jar","size":7,"digest":"sha256:CCCC","browser_download_url":"https://github.com/dl/main.jar"},
                 {"name":"EssentialsX-2.21.2-api.jar","size":8,"digest":null,"browser_download_url":"https://github.com/dl/api.jar"}]},
              {"tag_name":"2.23.0","name":"draft","draft":true,"prerelease":false,"assets":[
                 {"name":"EssentialsX-2.23.0.jar","size":1,"browser_download_url":"https://github.com/dl/draft.jar"}]}
            ]""";

    @Override
    protected UpdateSource source(SourceHttp http) {
        return new GitHubSource(http, base());
    }

    @Override
    protected RegistryEntry entry() {
        return RegistryEntry.of("Essentials", SourceType.GITHUB, "EssentialsX/Essentials").withAsset("EssentialsX-\\d.*\\.jar");
    }

    @Override
    protected String firstAnswer() {
        return RELEASES;
    }

    @Test
    void assetRegexPicksTheMainJarWithItsDigest() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(RELEASES).build());

        List<Candidate> candidates = source(http()).candidates(entry(), jar("Essentials", "2.20.1"));

        assertThat(candidates).extracting(Candidate::version).containsExactly("2.22.0-rc.1", "v2.21.2");
        Candidate release = candidates.get(1);
        assertThat(release.fileName()).isEqualTo("EssentialsX-2.21.2.jar");
        assertThat(release.algorithm()).isEqualTo(HashAlgorithm.SHA256);
        assertThat(release.checksum()).isEqualTo("cccc");
        assertThat(release.channel()).isEqualTo(Channel.RELEASE);
        assertThat(candidates.get(0).channel()).isEqualTo(Channel.BETA);
        assertThat(candidates.get(0).algorithm()).isEqualTo(HashAlgorithm.UNVERIFIED);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/api/repos/EssentialsX/Essentials/releases?per_page=30");
        assertThat(request.getHeaders().get("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
        assertThat(request.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void withoutRegexNeverPicksSourcesOrApiJars() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("""
                [{"tag_name":"1.3.0","draft":false,"prerelease":false,"assets":[
                   {"name":"app-1.3.0-sources.jar","size":1,"browser_download_url":"https://x/invalid.jar"},
                   {"name":"app-1.3.0-javadoc.jar","size":1,"browser_download_url":"https://x/invalid2.jar"},
                   {"name":"app-1.3.0.jar","size":2,"browser_download_url":"https://x/app-1.3.0.jar"}]}]
                """).build());

        List<Candidate> candidates = source(http()).candidates(RegistryEntry.of("app", SourceType.GITHUB, "o/app"), jar("app", "1.2"));

        assertThat(candidates).singleElement().extracting(Candidate::fileName).isEqualTo("app-1.3.0.jar");
    }

    @Test
    void preReleaseIsNotProposedOnTheReleaseChannelAndVPrefixIsIgnored() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(RELEASES).build());

        UpdateResult result = new UpdateDecider().decide(jar("Essentials", "2.21.2"), entry(),
                source(http()).candidates(entry(), jar("Essentials", "2.21.2")));

        assertThat(result.state()).isEqualTo(UpdateState.UP_TO_DATE);
    }

    @Test
    void tokenIsSentAsBearerToTheGitHubHost() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(RELEASES).build());
        SourceHttp http = SourceHttp.builder("t/1").bearerToken(base(), "ghp_example").build();

        source(http).candidates(entry(), jar("Essentials", "2.21.2"));

        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer ghp_example");
    }
}
