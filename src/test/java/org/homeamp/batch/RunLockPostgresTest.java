package org.homeamp.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.homeamp.config.ConfigLoader;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.testing.EmbeddedPostgresDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * With PostgreSQL, hosts with different state dirs share one job repository, so one job at a time is
 * a PostgreSQL advisory lock held on a dedicated connection: refused while another connection (here
 * a thread with another state dir, and a second JVM) holds it, with the holder named; free again
 * when the holder ends, even by {@code kill -9}.
 */
class RunLockPostgresTest {
    @RegisterExtension
    final EmbeddedPostgresDb pg = EmbeddedPostgresDb.perMethod();

    @TempDir
    Path tmp;

    @Test
    void aJobOnAnotherStateDirOfTheSameDatabaseIsRefusedNamingTheHolder() throws Exception {
        HomeAmpSettings first = settings("first");
        HomeAmpSettings second = settings("second");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try (RunLock lock = RunLock.acquire(first)) {
                held.countDown();
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        other.start();
        try {
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            String me = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();

            assertThat(RunLock.tryAcquire(second)).isEmpty();
            assertThatThrownBy(() -> RunLock.acquire(second)).isInstanceOf(JobFailedException.class)
                    .hasMessageContaining("Another homeamp job is running on the job database " + pg.url() + " (homeamp " + me + ")")
                    .hasMessageContaining("then try again")
                    .hasMessageNotContaining(EmbeddedPostgresDb.PASSWORD);
            assertThat(RunLock.isHeld(second)).isTrue();
            assertThat(RunLock.holder(second)).isEqualTo("homeamp " + me);
            assertThat(RunLock.isHeld(second.stateDir())).as("the state dir lock of the second is free").isFalse();
        } finally {
            release.countDown();
            other.join(30_000);
        }

        assertThat(RunLock.isHeld(second)).isFalse();
        try (RunLock mine = RunLock.acquire(second)) {
            assertThat(RunLock.tryAcquire(first)).isEmpty();
        }
    }

    @Test
    void aWorkersPruneIsSkippedWhileAJobRunsAndAJobStartedDuringAPruneWaitsForItInsteadOfBeingRefused() throws Exception {
        HomeAmpSettings manager = settings("manager");
        HomeAmpSettings worker = settings("worker");

        // a job holds the lock: the prune does not run
        try (RunLock job = RunLock.acquire(manager)) {
            assertThat(RunLock.whileNoJobRuns(worker, () -> "pruned")).isEmpty();
        }

        // a prune holds it: a job that starts meanwhile waits, then runs; nothing is refused
        CountDownLatch pruning = new CountDownLatch(1);
        long[] pruneEnded = new long[1];
        Thread prune = new Thread(() -> RunLock.whileNoJobRuns(worker, () -> {
            pruning.countDown();
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pruneEnded[0] = System.nanoTime();
            return "pruned";
        }));
        prune.start();
        assertThat(pruning.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(RunLock.holder(manager)).startsWith(DatabaseLock.PRUNE_HOLDER_PREFIX);
        try (RunLock job = RunLock.acquire(manager)) {
            long got = System.nanoTime();
            prune.join(30_000);
            assertThat(got).as("the job got the lock only after the prune gave it back").isGreaterThanOrEqualTo(pruneEnded[0]);
            assertThat(RunLock.whileNoJobRuns(worker, () -> "pruned")).isEmpty();
        }
        assertThat(RunLock.whileNoJobRuns(worker, () -> "pruned")).contains("pruned");
    }

    @Test
    void aKilledProcessesLockIsFreeAtOnce() throws Exception {
        HomeAmpSettings mine = settings("mine");
        settings("child");
        ProcessBuilder holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldRunLock.class.getName(),
                tmp.resolve("child").resolve("homeamp.yml").toString())
                .redirectError(tmp.resolve("child.err").toFile());
        holder.environment().put("HOMEAMP_TEST_AMP", "x");
        Process child = holder.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).as("child: " + (line == null ? Files.readString(tmp.resolve("child.err")) : line)).startsWith("HELD ");
            String childName = line.substring("HELD ".length());
            assertThat(childName).startsWith(child.pid() + "@");

            assertThatThrownBy(() -> RunLock.acquire(mine)).isInstanceOf(JobFailedException.class)
                    .hasMessageContaining("(homeamp " + childName + ")");

            // kill -9: PostgreSQL ends the session with the socket, and the advisory lock with it
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            Optional<RunLock> taken = Optional.empty();
            for (int i = 0; i < 50 && taken.isEmpty(); i++) {
                taken = RunLock.tryAcquire(mine);
                if (taken.isEmpty()) {
                    Thread.sleep(100);
                }
            }
            assertThat(taken).as("free after the holder was killed").isPresent();
            taken.get().close();
        } finally {
            child.destroyForcibly();
        }
    }

    private HomeAmpSettings settings(String name) throws Exception {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Path yml = dir.resolve("homeamp.yml");
        Files.writeString(yml, String.join("\n", List.of(
                "homeamp:",
                "  state-dir: ./state",
                "  servers:",
                "    - name: local",
                "      amp-url: http://127.0.0.1:1",
                "      username: homeamp",
                "      password-env: HOMEAMP_TEST_AMP",
                "      files: local",
                "      instances-dir: ./instances", "")));
        Files.createDirectories(dir.resolve("instances"));
        pg.writeDatasource(yml);
        return ConfigLoader.load(yml, Map.of("HOMEAMP_TEST_AMP", "x"), "test");
    }
}
