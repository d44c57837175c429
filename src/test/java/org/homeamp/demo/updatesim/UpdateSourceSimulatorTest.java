package org.homeamp.demo.updatesim;

import org.homeamp.demo.DemoUpdateScenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The simulated update source over real HTTP: what it publishes for the shipped registry, and its fault modes. */
class UpdateSourceSimulatorTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    private UpdateSourceSimulator sim;

    @BeforeEach
    void start() throws IOException {
        sim = UpdateSourceSimulator.start(0, DemoUpdateScenario.projects(Path.of("registry")));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void pluginsSharingOneGitHubRepositoryAreAssetsOfTheSameReleases() throws IOException {
        // Essentials, EssentialsChat and EssentialsSpawn are all released by EssentialsX/Essentials, as on GitHub
        JsonNode releases = JSON.readTree(get("/github/repos/EssentialsX/Essentials/releases").body().string());

        List<String> assets = new ArrayList<>();
        releases.values().forEach(r -> r.path("assets").values().forEach(a -> assets.add(a.path("name").asString())));

        assertThat(assets).anyMatch(n -> n.matches("EssentialsX-\\d.*\\.jar"))
                .anyMatch(n -> n.matches("EssentialsXChat-\\d.*\\.jar"))
                .anyMatch(n -> n.matches("EssentialsXSpawn-\\d.*\\.jar"));
        assertThat(releases.values()).allSatisfy(r -> assertThat(r.path("assets").size()).isEqualTo(3));
    }

    @Test
    void rateLimitFirstAnswersTheFirstRequestOfEachUrlWith429AndRetryAfter() throws IOException {
        String file = fileUrlOfFirstModrinthVersion();
        sim.faults(SimulatedFaults.rateLimitFirst());

        try (Response first = get("/modrinth/v2/project/Vebnzrzj/version"); Response second = get("/modrinth/v2/project/Vebnzrzj/version")) {
            assertThat(first.code()).isEqualTo(429);
            assertThat(first.header("Retry-After")).isEqualTo("1");
            assertThat(second.code()).isEqualTo(200);
        }
        try (Response first = http.newCall(new Request.Builder().url(file).build()).execute();
                Response second = http.newCall(new Request.Builder().url(file).build()).execute()) {
            assertThat(first.code()).isEqualTo(429);
            assertThat(first.header("Retry-After")).isEqualTo("1");
            assertThat(second.code()).isEqualTo(200);
            assertThat(second.header("Content-Type")).isEqualTo("application/java-archive");
        }
        assertThat(sim.faultsServed()).isEqualTo(2);

        sim.faults(SimulatedFaults.rateLimitFirst());
        try (Response again = get("/modrinth/v2/project/Vebnzrzj/version")) {
            assertThat(again.code()).as("setting the mode again starts over").isEqualTo(429);
        }
    }

    @Test
    void errorRateIsSeededSoTheSameRequestsFailInEveryRun() throws IOException {
        List<Integer> firstRun = codesOf20Requests(7);
        List<Integer> secondRun = codesOf20Requests(7);
        List<Integer> otherSeed = codesOf20Requests(8);

        assertThat(firstRun).isEqualTo(secondRun).contains(500).contains(200);
        assertThat(otherSeed).isNotEqualTo(firstRun);
    }

    private List<Integer> codesOf20Requests(long seed) throws IOException {
        sim.faults(SimulatedFaults.errorRate(0.5, seed));
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            try (Response r = get("/modrinth/v2/project/Vebnzrzj/version")) {
                codes.add(r.code());
            }
        }
        return codes;
    }

    private String fileUrlOfFirstModrinthVersion() throws IOException {
        try (Response r = get("/modrinth/v2/project/Vebnzrzj/version")) {
            return JSON.readTree(r.body().string()).get(0).path("files").get(0).path("url").asString();
        }
    }

    private Response get(String path) throws IOException {
        return http.newCall(new Request.Builder().url(sim.baseUrl() + path).build()).execute();
    }
}
