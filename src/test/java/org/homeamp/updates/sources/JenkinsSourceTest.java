package org.homeamp.updates.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import mockwebserver3.MockResponse;
import org.homeamp.updates.UpdateDecider;
import org.homeamp.updates.UpdateResult;
import org.homeamp.updates.UpdateState;
import org.homeamp.updates.registry.RegistryEntry;
import org.homeamp.updates.registry.SourceType;
import org.junit.jupiter.api.Test;

class JenkinsSourceTest extends SourceFailureContract {
    private String build() {
        return """
                {"number":450,"result":"SUCCESS","timestamp":1760000000000,"url":"%s/job/spark/450/",
                 "artifacts":[
                   {"fileName":"spark-1.10.116-api.jar","relativePath":"spark-api/build/libs/spark-1.10.116-api.jar"},
                   {"fileName":"spark-1.10.116-fabric.jar","relativePath":"spark-fabric/build/libs/spark-1.10.116-fabric.jar"},
                   {"fileName":"spark-1.10.116-bukkit.jar","relativePath":"spark-bukkit/build/libs/spark-1.10.116-bukkit.jar"}]}
                """.formatted(base());
    }

    @Override
    protected UpdateSource source(SourceHttp http) {
        return new JenkinsSource(http, base());
    }

    @Override
    protected RegistryEntry entry() {
        return RegistryEntry.of("spark", SourceType.JENKINS, base() + "/job/spark/").withAsset("spark-.*-bukkit\\.jar");
    }

    @Override
    protected String firstAnswer() {
        return build();
    }

    @Test
    void lastSuccessfulBuildArtifactByRegex() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(build()).build());

        List<Candidate> candidates = source(http()).candidates(entry(), jar("spark", "1.10.109"));

        assertThat(candidates).singleElement().satisfies(c -> {
            assertThat(c.fileName()).isEqualTo("spark-1.10.116-bukkit.jar");
            assertThat(c.fileUrl()).isEqualTo(base() + "/job/spark/450/artifact/spark-bukkit/build/libs/spark-1.10.116-bukkit.jar");
            assertThat(c.buildNumber()).isEqualTo(450);
            assertThat(c.version()).isEqualTo("1.10.116");
            assertThat(c.algorithm()).isEqualTo(HashAlgorithm.UNVERIFIED);
        });
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/job/spark/lastSuccessfulBuild/api/json");
    }

    @Test
    void versionPatternGivesTheVersionAndTheBuildNumberStaysBesideIt() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("""
                {"number":1034,"url":"%s/job/LuckPerms/1034/","timestamp":1732000000000,"result":"SUCCESS",
                 "artifacts":[{"fileName":"LuckPerms-Bukkit-5.4.108.jar","relativePath":"bukkit/loader/build/libs/LuckPerms-Bukkit-5.4.108.jar"}]}"""
                .formatted(base())).build());
        RegistryEntry luckPerms = RegistryEntry.of("LuckPerms", SourceType.JENKINS, base() + "/job/LuckPerms/")
                .withAsset("LuckPerms-Bukkit-.*\\.jar").withVersionPattern("(\\d+(?:\\.\\d+)+)");

        Candidate c = source(http()).candidates(luckPerms, jar("LuckPerms", "5.4.108")).get(0);
        UpdateResult result = new UpdateDecider().decide(jar("LuckPerms", "5.4.108"), luckPerms, List.of(c));

        assertThat(c.version()).isEqualTo("5.4.108");
        assertThat(c.buildNumber()).isEqualTo(1034);
        assertThat(result.state()).isEqualTo(UpdateState.UP_TO_DATE);
        assertThat(result.to()).isEqualTo("5.4.108");
        assertThat(result.reason()).contains("build 1034");
    }

    @Test
    void withoutAVersionInTheFileNameTheBuildIsTheVersion() {
        assertThat(JenkinsSource.version("spark.jar", null, 451)).isEqualTo("build 451");
        assertThat(JenkinsSource.version("spark-1.10.116-bukkit.jar", "(\\d+\\.\\d+)-nomatch", 451)).isEqualTo("1.10.116");
    }

    @Test
    void jobPathIsResolvedUnderTheConfiguredBase() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(build()).build());

        source(http()).candidates(RegistryEntry.of("spark", SourceType.JENKINS, "Lucko/spark"), jar("spark", "1"));

        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/job/Lucko/job/spark/lastSuccessfulBuild/api/json");
    }

    @Test
    void olderInstalledBuildHasAnUpdateAndNoMatchingArtifactIsRefused() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(build()).build());
        server.enqueue(new MockResponse.Builder().code(200).body(build()).build());

        UpdateResult result = new UpdateDecider().decide(jar("spark", "1.10.109"), entry(),
                source(http()).candidates(entry(), jar("spark", "1.10.109")));

        assertThat(result.state()).isEqualTo(UpdateState.UPDATE_AVAILABLE);
        assertThatThrownBy(() -> source(http()).candidates(entry().withAsset("spark-.*-velocity\\.jar"), jar("spark", "1")))
                .isInstanceOf(SourceException.Refused.class).hasMessageContaining("no artifact matching");
    }
}
