package org.homeamp.updates.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import mockwebserver3.MockResponse;
import org.homeamp.updates.registry.RegistryEntry;
import org.homeamp.updates.registry.SourceType;
import org.junit.jupiter.api.Test;

class SpigetSourceTest extends SourceFailureContract {
    /** Shaped by Spiget's swagger Resource model. */
    static final String RESOURCE = """
            {"id":81,"name":"LibsDisguises","tag":"Disguise as anything","external":false,"premium":false,
             "file":{"type":".jar","size":1.2,"sizeUnit":"MB","url":"resources/libs-disguises-free.81/download?version=1"},
             "version":{"id":555},"releaseDate":1400000000,"updateDate":1760000000}""";
    static final String LATEST = """
            {"id":555,"uuid":"00000000-0000-0000-0000-000000000555","name":"10.0.44","releaseDate":1760000000,"downloads":10}""";

    @Override
    protected UpdateSource source(SourceHttp http) {
        return new SpigetSource(http, base());
    }

    @Override
    protected RegistryEntry entry() {
        return RegistryEntry.of("LibsDisguises", SourceType.SPIGOT, "81");
    }

    @Override
    protected String firstAnswer() {
        return RESOURCE;
    }

    @Test
    void latestVersionIsUnverifiedCdnDownload() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(RESOURCE).build());
        server.enqueue(new MockResponse.Builder().code(200).body(LATEST).build());

        List<Candidate> candidates = source(http()).candidates(entry(), jar("LibsDisguises", "10.0.43"));

        assertThat(candidates).singleElement().satisfies(c -> {
            assertThat(c.version()).isEqualTo("10.0.44");
            assertThat(c.algorithm()).isEqualTo(HashAlgorithm.UNVERIFIED);
            assertThat(c.fileUrl()).isEqualTo(base() + "/resources/81/download");
            assertThat(c.fileName()).isEqualTo("LibsDisguises-10.0.44.jar");
            assertThat(c.size()).isEqualTo(-1);
            assertThat(c.published()).isEqualTo(java.time.Instant.ofEpochSecond(1760000000));
        });
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/resources/81");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/resources/81/versions/latest");
    }

    @Test
    void premiumResourceIsRefusedWithoutDownloading() {
        server.enqueue(new MockResponse.Builder().code(200).body(RESOURCE.replace("\"premium\":false", "\"premium\":true")).build());

        assertThatThrownBy(() -> source(http()).candidates(entry(), jar("LibsDisguises", "1")))
                .isInstanceOf(SourceException.Refused.class).hasMessageContaining("premium");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void externalResourceIsRefusedWithItsLink() {
        server.enqueue(new MockResponse.Builder().code(200).body("""
                {"id":9089,"name":"EssentialsX","external":true,"premium":false,
                 "file":{"type":"external","size":0,"sizeUnit":"","url":"x","externalUrl":"https://essentialsx.net/downloads.html"}}
                """).build());

        assertThatThrownBy(() -> source(http()).candidates(entry(), jar("Essentials", "1")))
                .isInstanceOf(SourceException.Refused.class).hasMessageContaining("https://essentialsx.net/downloads.html");
    }
}
