package org.homeamp.updates.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.homeamp.config.HomeAmpSettings.SourceSettings;
import org.homeamp.config.HomeAmpSettings.SourcesSettings;
import org.homeamp.updates.UpdateDecider;
import org.homeamp.updates.UpdateResult;
import org.homeamp.updates.UpdateState;
import org.homeamp.updates.registry.RegistryEntry;
import org.homeamp.updates.registry.SourceType;
import org.junit.jupiter.api.Test;

class UpdateSourcesTest {

    @Test
    void aLimitSetForAMirrorIsItsHostsLimitAndUnsetPartsAreTheDefaults() {
        assertThat(UpdateSources.configuredLimit(new SourceSettings("http://127.0.0.1:9000/v2", null, 4, 300)))
                .contains(new HostLimit(4, 300, java.time.Duration.ofMinutes(1)));
        assertThat(UpdateSources.configuredLimit(new SourceSettings("https://mirror.example.org/v2", null, 6, null)))
                .contains(new HostLimit(6, HostLimit.DEFAULT.requestsPerWindow(), HostLimit.DEFAULT.window()));
        assertThat(UpdateSources.configuredLimit(new SourceSettings("https://api.modrinth.com/v2", null))).isEmpty();
    }

    @Test
    void settingsWireBaseUrlsUserAgentAndTokenFromTheEnvironment() throws Exception {
        try (MockWebServer github = new MockWebServer()) {
            github.start();
            github.enqueue(new MockResponse.Builder().code(200).body("""
                    [{"tag_name":"1.7.3","draft":false,"prerelease":false,"assets":[
                      {"name":"Vault.jar","size":3,"browser_download_url":"https://x/Vault.jar"}]}]""").build());
            SourcesSettings settings = new SourcesSettings(Map.of(
                    "github", new SourceSettings(github.url("/").toString(), "HOMEAMP_GITHUB_TOKEN")), "homeamp-config-manager/0.1.0 (ops@example.org)");
            SourceHttp http = UpdateSources.http(settings, new InMemoryHttpCache(),
                    name -> name.equals("HOMEAMP_GITHUB_TOKEN") ? "ghp_fromenv" : null);
            UpdateSources sources = UpdateSources.create(settings, http);
            RegistryEntry vault = RegistryEntry.of("Vault", SourceType.GITHUB, "MilkBowl/Vault")
                    .withVersionPattern("(\\d+(?:\\.\\d+)+)");
            InstalledJar jar = new InstalledJar("Vault", "1.7.3-b131", "Vault.jar", null, null, null, "paper");

            UpdateResult result = new UpdateDecider().check(jar, vault, sources);

            assertThat(result.state()).isEqualTo(UpdateState.UP_TO_DATE);
            var request = github.takeRequest();
            assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer ghp_fromenv");
            assertThat(request.getHeaders().get("User-Agent")).isEqualTo("homeamp-config-manager/0.1.0 (ops@example.org)");
            assertThat(sources.forType(SourceType.MANUAL)).get().isInstanceOf(ManualSource.class);
            assertThat(sources.forType(SourceType.MANUAL).get().candidates(vault, jar)).isEqualTo(List.of());
        }
    }

    @Test
    void publicLimitsHoldForThePublicHostsAndASharedSelfHostedOneGetsTheDefault() {
        String loopback = "http://127.0.0.1:8125";
        SourcesSettings settings = new SourcesSettings(Map.of(
                "modrinth", new SourceSettings(loopback + "/modrinth/v2", null),
                "github", new SourceSettings(loopback + "/github", null),
                "spiget", new SourceSettings(loopback + "/spiget/v2", null)), "t/1");

        SourceHttp http = UpdateSources.http(settings, new InMemoryHttpCache(), n -> null);
        SourceHttp withToken = UpdateSources.http(new SourcesSettings(Map.of("github", new SourceSettings(null, "GH")), "t/1"),
                new InMemoryHttpCache(), n -> "ghp_x");

        // the demo's simulator answers for every source on one port: not 60 requests an hour for all of them
        assertThat(http.limitFor(loopback + "/github/repos/a/b/releases")).isEqualTo(HostLimit.DEFAULT);
        assertThat(http.limitFor("https://api.github.com/repos/a/b/releases")).isEqualTo(HostLimit.GITHUB_ANONYMOUS);
        assertThat(http.limitFor("https://api.modrinth.com/v2/project/x/version")).isEqualTo(HostLimit.MODRINTH);
        assertThat(http.limitFor("https://hangar.papermc.io/api/v1/projects/a/b/versions")).isEqualTo(HostLimit.HANGAR);
        assertThat(http.limitFor("https://api.spiget.org/v2/resources/1")).isEqualTo(HostLimit.SPIGET);
        assertThat(withToken.limitFor("https://api.github.com/repos/a/b/releases")).isEqualTo(HostLimit.GITHUB_TOKEN);
    }

    @Test
    void sourceFailureInCheckBecomesCheckFailed() throws Exception {
        try (MockWebServer modrinth = new MockWebServer()) {
            modrinth.start();
            modrinth.enqueue(new MockResponse.Builder().code(404).build());
            SourcesSettings settings = new SourcesSettings(Map.of(
                    "modrinth", new SourceSettings(modrinth.url("/v2").toString(), null)), "t/1");
            UpdateSources sources = UpdateSources.create(settings, UpdateSources.http(settings, new InMemoryHttpCache(), n -> null));
            InstalledJar jar = new InstalledJar("Gone", "1.0", "Gone.jar", null, null, null, "paper");

            UpdateResult result = new UpdateDecider().check(jar, RegistryEntry.of("Gone", SourceType.MODRINTH, "gone"), sources);

            assertThat(result.state()).isEqualTo(UpdateState.CHECK_FAILED);
            assertThat(result.reason()).startsWith("NOT_FOUND");
        }
    }
}
