package org.homeamp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code homeamp.worker} and the settings a worker derives for its server. */
class WorkerSectionTest {
    private static final Map<String, String> ENV = Map.of("HOMEAMP_OVH_PASSWORD", "ovh-secret-1234");

    @TempDir
    Path dir;

    @BeforeEach
    void givenPasswordFileAndInstancesDirs() throws IOException {
        Path passwordFile = Files.writeString(dir.resolve("hetzner.password"), "hetzner-secret-5678\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        Files.createDirectories(dir.resolve("instances"));
        Files.createDirectories(dir.resolve("ovh-instances"));
    }

    private HomeAmpSettings load(String workerSection) throws IOException {
        Path config = Files.writeString(dir.resolve("homeamp.yml"), """
                homeamp:
                  state-dir: state
                  servers:
                    - name: hetzner
                      amp-url: http://127.0.0.1:8080
                      username: homeamp
                      password-file: hetzner.password
                      files: local
                      instances-dir: instances
                    - name: ovh
                      amp-url: https://ovh.example.org:8080
                      username: homeamp
                      password-env: HOMEAMP_OVH_PASSWORD
                      files: amp-api
                """ + workerSection);
        return ConfigLoader.load(config, ENV, "test");
    }

    @Test
    void withoutASectionTheDefaultsApply() throws IOException {
        assertThat(load("").worker()).isEqualTo(HomeAmpSettings.WorkerSettings.DEFAULTS);
        assertThat(HomeAmpSettings.WorkerSettings.DEFAULTS.staleAfter()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void everyKeyIsRead() throws IOException {
        HomeAmpSettings.WorkerSettings w = load("""
                  worker:
                    server: ovh
                    heartbeat: 5s
                    stale-after: 20s
                    poll-interval: 3s
                    partition-timeout: 2h
                    concurrency: 3
                    prune-every: 90m
                """).worker();
        assertThat(w).isEqualTo(new HomeAmpSettings.WorkerSettings("ovh", Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(3),
                Duration.ofHours(2), 3, Duration.ofMinutes(90)));
    }

    @Test
    void anUnknownServerABareNumberAndAStaleLimitBelowTwoBeatsAreNamedWithTheirLine() throws IOException {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load("""
                  worker:
                    server: ovhh
                    heartbeat: 10
                    stale-after: 15s
                """));
        assertThat(e.getMessage()).contains("homeamp.yml:16").contains("worker.server").contains("use one of hetzner, ovh")
                .contains("homeamp.yml:17").contains("has no unit").contains("between 1s and 10m");

        ConfigException shortLimit = catchThrowableOfType(ConfigException.class, () -> load("""
                  worker:
                    heartbeat: 10s
                    stale-after: 15s
                """));
        assertThat(shortLimit.getMessage()).contains("worker.stale-after").contains("shorter than two heartbeats");

        ConfigException noThreads = catchThrowableOfType(ConfigException.class, () -> load("""
                  worker:
                    concurrency: 0
                """));
        assertThat(noThreads.getMessage()).contains("worker.concurrency").contains("homeamp.yml:16");

        ConfigException busyPrune = catchThrowableOfType(ConfigException.class, () -> load("""
                  worker:
                    prune-every: 1m
                """));
        assertThat(busyPrune.getMessage()).contains("worker.prune-every").contains("out of range").contains("between 10m and 48h");
    }

    @Test
    void aWorkerReadsItsServerLocallyFromTheGivenFolderAndRefusesAMissingOne() throws IOException {
        HomeAmpSettings settings = load("");

        HomeAmpSettings worker = settings.servingLocally("ovh", dir.resolve("ovh-instances"));

        ServerSettings ovh = worker.server("ovh").orElseThrow();
        assertThat(ovh.files()).isEqualTo(FilesMode.LOCAL);
        assertThat(ovh.instancesDir()).isEqualTo(dir.resolve("ovh-instances").toAbsolutePath().normalize());
        assertThat(worker.server("hetzner")).isEqualTo(settings.server("hetzner"));
        assertThat(catchThrowableOfType(ConfigException.class, () -> settings.servingLocally("ovh", null)).getMessage())
                .contains("server ovh has no instances-dir").contains("--instances-dir");
        assertThat(catchThrowableOfType(ConfigException.class, () -> settings.servingLocally("ovh", dir.resolve("nope"))).getMessage())
                .contains("does not exist on this host");
        assertThat(catchThrowableOfType(ConfigException.class, () -> settings.servingLocally("mars", null)).getMessage())
                .contains("no server named 'mars'").contains("hetzner, ovh");
    }
}
