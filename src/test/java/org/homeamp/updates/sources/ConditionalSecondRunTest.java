package org.homeamp.updates.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.homeamp.config.HomeAmpSettings.SourceSettings;
import org.homeamp.config.HomeAmpSettings.SourcesSettings;
import org.homeamp.updates.UpdateDecider;
import org.homeamp.updates.UpdateState;
import org.homeamp.updates.registry.RegistryEntry;
import org.homeamp.updates.registry.SourceType;
import org.junit.jupiter.api.Test;

/** The benchmark's expectation: a second nightly check is (almost) all conditional requests answered 304. */
class ConditionalSecondRunTest {

    @Test
    void secondRunIsAtLeastNinetyPercentNotModified() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new EtagServer());
            server.start();
            String base = server.url("/").toString();
            SourcesSettings settings = new SourcesSettings(Map.of(
                    "modrinth", new SourceSettings(base + "modrinth", null),
                    "hangar", new SourceSettings(base + "hangar", null),
                    "github", new SourceSettings(base + "github", null)), "t/1");
            InMemoryHttpCache cache = new InMemoryHttpCache();
            List<RegistryEntry> entries = List.of(
                    RegistryEntry.of("A", SourceType.MODRINTH, "a"),
                    RegistryEntry.of("B", SourceType.MODRINTH, "b"),
                    RegistryEntry.of("C", SourceType.HANGAR, "owner/c"),
                    RegistryEntry.of("D", SourceType.GITHUB, "owner/d"));

            SourceHttp first = UpdateSources.http(settings, cache, n -> null);
            runOnce(entries, UpdateSources.create(settings, first));
            SourceHttp second = UpdateSources.http(settings, cache, n -> null);
            runOnce(entries, UpdateSources.create(settings, second));

            assertThat(first.stats().notModified()).isZero();
            assertThat(second.stats().notModifiedShare()).isGreaterThanOrEqualTo(0.9);
            assertThat(second.stats().conditional()).isEqualTo(second.stats().requests());
        }
    }

    private static void runOnce(List<RegistryEntry> entries, UpdateSources sources) {
        UpdateDecider decider = new UpdateDecider();
        for (RegistryEntry entry : entries) {
            InstalledJar jar = new InstalledJar(entry.name(), "1.0", entry.name() + ".jar", "s1", "s256", "s512", "paper");
            assertThat(decider.check(jar, entry, sources).state()).isEqualTo(UpdateState.UPDATE_AVAILABLE);
        }
    }

    /** Answers every known path with a fixed body and ETag, and 304 when the client already has it. */
    private static final class EtagServer extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getTarget();
            String body;
            if (path.startsWith("/modrinth/project/")) {
                body = """
                        [{"id":"v","project_id":"p","version_number":"2.0","version_type":"release","status":"listed",
                          "files":[{"url":"https://cdn/x.jar","filename":"x-2.0.jar","primary":true,"size":1,
                                    "hashes":{"sha1":"1","sha512":"2"}}]}]""";
            } else if (path.startsWith("/hangar/projects/")) {
                body = """
                        {"pagination":{"count":1,"limit":25,"offset":0},"result":[{"name":"2.0","channel":{"name":"Release"},
                          "downloads":{"PAPER":{"fileInfo":{"name":"c-2.0.jar","sizeBytes":1,"sha256Hash":"3"},"downloadUrl":"https://cdn/c.jar"}}}]}""";
            } else if (path.startsWith("/github/repos/")) {
                body = """
                        [{"tag_name":"2.0","draft":false,"prerelease":false,"assets":[
                          {"name":"d-2.0.jar","size":1,"browser_download_url":"https://cdn/d.jar"}]}]""";
            } else {
                return new MockResponse.Builder().code(404).build();
            }
            String etag = "\"" + Integer.toHexString(body.hashCode()) + "\"";
            if (etag.equals(request.getHeaders().get("If-None-Match"))) {
                return new MockResponse.Builder().code(304).addHeader("ETag", etag).build();
            }
            return new MockResponse.Builder().code(200).addHeader("ETag", etag).body(body).build();
        }
    }
}
