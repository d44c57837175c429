package org.homeamp.updates.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import mockwebserver3.MockResponse;
import org.homeamp.updates.UpdateDecider;
import org.homeamp.updates.UpdateResult;
import org.homeamp.updates.UpdateState;
import org.homeamp.updates.registry.Channel;
import org.homeamp.updates.registry.RegistryEntry;
import org.homeamp.updates.registry.SourceType;
import org.junit.jupiter.api.Test;

class HangarSourceTest extends SourceFailureContract {
    /** Shaped by Hangar's OpenAPI PaginatedResult&lt;Version&gt;: a snapshot, a release, an external download. */
    static final String VERSIONS = """
            {"pagination":{"count":3,"limit":25,"offset":0},
             "result":[
               {"id":3,"name":"4.3.0-SNAPSHOT","createdAt":"2026-03-01T12:00:00Z","channel":{"name":"Snapshot"},
                "downloads":{"PAPER":{"fileInfo":{"name":"Maintenance-4.3.0-SNAPSHOT.jar","sizeBytes":300,"sha256Hash":"snap256"},
                                      "externalUrl":null,"downloadUrl":"https://hangarcdn.example/Maintenance-4.3.0-SNAPSHOT.jar"}}},
               {"id":2,"name":"4.2.1","createdAt":"2026-02-01T12:00:00Z","channel":{"name":"Release"},
                "downloads":{"PAPER":{"fileInfo":{"name":"Maintenance-4.2.1.jar","sizeBytes":200,"sha256Hash":"REL256"},
                                      "externalUrl":null,"downloadUrl":"https://hangarcdn.example/Maintenance-4.2.1.jar"},
                             "VELOCITY":{"fileInfo":{"name":"Maintenance-Velocity-4.2.1.jar","sizeBytes":100,"sha256Hash":"vel"},
                                      "externalUrl":null,"downloadUrl":"https://hangarcdn.example/v.jar"}}},
               {"id":1,"name":"4.2.0","createdAt":"2026-01-01T12:00:00Z","channel":{"name":"Release"},
                "downloads":{"PAPER":{"fileInfo":null,"externalUrl":"https://github.com/kennytv/Maintenance/releases","downloadUrl":null}}}
             ]}""";

    @Override
    protected UpdateSource source(SourceHttp http) {
        return new HangarSource(http, base());
    }

    @Override
    protected RegistryEntry entry() {
        return RegistryEntry.of("Maintenance", SourceType.HANGAR, "kennytv/Maintenance");
    }

    @Override
    protected String firstAnswer() {
        return VERSIONS;
    }

    @Test
    void readsPlatformFilesWithSha256() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(VERSIONS).build());

        List<Candidate> candidates = source(http()).candidates(entry(), jar("Maintenance", "4.2.0"));

        assertThat(candidates).extracting(Candidate::version).containsExactly("4.3.0-SNAPSHOT", "4.2.1", "4.2.0");
        Candidate release = candidates.get(1);
        assertThat(release.fileName()).isEqualTo("Maintenance-4.2.1.jar");
        assertThat(release.algorithm()).isEqualTo(HashAlgorithm.SHA256);
        assertThat(release.checksum()).isEqualTo("rel256");
        assertThat(release.size()).isEqualTo(200);
        assertThat(release.changelogUrl()).isEqualTo("https://hangar.papermc.io/kennytv/Maintenance/versions/4.2.1");
        assertThat(candidates.get(2).algorithm()).isEqualTo(HashAlgorithm.UNVERIFIED);
        assertThat(candidates.get(2).fileUrl()).startsWith("https://github.com/");
        assertThat(server.takeRequest().getTarget())
                .isEqualTo("/api/projects/kennytv/Maintenance/versions?limit=25&offset=0&platform=PAPER");
    }

    @Test
    void snapshotChannelIsNotProposedOnRelease() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(VERSIONS).build());

        UpdateResult result = new UpdateDecider().decide(jar("Maintenance", "4.2.0"), entry(),
                source(http()).candidates(entry(), jar("Maintenance", "4.2.0")));

        assertThat(result.state()).isEqualTo(UpdateState.UPDATE_AVAILABLE);
        assertThat(result.to()).isEqualTo("4.2.1");
        assertThat(HangarSource.channel("Snapshot")).isEqualTo(Channel.ALPHA);
        assertThat(HangarSource.channel("Beta")).isEqualTo(Channel.BETA);
    }

    @Test
    void assetRegexFiltersFiles() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(VERSIONS).build());

        List<Candidate> candidates = source(http()).candidates(entry().withAsset(".*-SNAPSHOT\\.jar"), jar("Maintenance", "4.2.0"));

        assertThat(candidates).extracting(Candidate::version).containsExactly("4.3.0-SNAPSHOT", "4.2.0");
    }
}
