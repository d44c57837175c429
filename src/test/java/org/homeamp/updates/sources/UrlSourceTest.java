package org.homeamp.updates.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.homeamp.updates.registry.RegistryEntry;
import org.homeamp.updates.registry.SourceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UrlSourceTest {
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void versionComesFromTheFileNameThroughTheVersionPattern() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Length", "1234")
                .addHeader("Content-Disposition", "attachment; filename=\"MyPlugin-1.4.2.jar\"")
                .addHeader("Last-Modified", "Wed, 21 Oct 2026 07:28:00 GMT").build());
        RegistryEntry entry = RegistryEntry.of("MyPlugin", SourceType.URL, server.url("/latest.jar").toString())
                .withVersionPattern("MyPlugin-(\\d+(?:\\.\\d+)+)\\.jar");

        List<Candidate> candidates = new UrlSource(SourceHttp.builder("t/1").build()).candidates(entry, null);

        assertThat(candidates).singleElement().satisfies(c -> {
            assertThat(c.version()).isEqualTo("1.4.2");
            assertThat(c.fileName()).isEqualTo("MyPlugin-1.4.2.jar");
            assertThat(c.size()).isEqualTo(1234);
            assertThat(c.published()).isEqualTo(Instant.parse("2026-10-21T07:28:00Z"));
            assertThat(c.algorithm()).isEqualTo(HashAlgorithm.UNVERIFIED);
        });
        assertThat(server.takeRequest().getMethod()).isEqualTo("HEAD");
    }

    @Test
    void withoutPatternTheLastModifiedDateIsTheVersion() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Last-Modified", "Wed, 21 Oct 2026 07:28:00 GMT").build());
        RegistryEntry entry = RegistryEntry.of("MyPlugin", SourceType.URL, server.url("/dl/MyPlugin.jar").toString());

        Candidate candidate = new UrlSource(SourceHttp.builder("t/1").build()).candidates(entry, null).get(0);

        assertThat(candidate.version()).isEqualTo("2026.10.21");
        assertThat(candidate.fileName()).isEqualTo("MyPlugin.jar");
    }
}
