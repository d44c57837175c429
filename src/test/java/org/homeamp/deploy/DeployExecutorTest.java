package org.homeamp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The manager's deploy executor (D-W10) runs {@code deploy.parallel} instances at a time, and handing it
 * a partition never waits for a free slot: with workers the manager's step sends every partition in
 * server order, and a waiting sender held back a worker server's partitions behind this host's own.
 */
class DeployExecutorTest {
    @Test
    void handingOverMorePartitionsThanSlotsReturnsAtOnceAndRunsThemDeployParallelAtATime() throws Exception {
        ThreadPoolTaskExecutor executor = new DeployJobConfig().deployExecutor(new DeployOptions(2, Duration.ofSeconds(30)));
        executor.initialize();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        try {
            Thread sender = new Thread(() -> {
                for (int i = 0; i < 6; i++) {
                    executor.execute(() -> {
                        most.accumulateAndGet(running.incrementAndGet(), Math::max);
                        try {
                            release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        running.decrementAndGet();
                        done.incrementAndGet();
                    });
                }
            });
            sender.start();
            sender.join(5_000);
            assertThat(sender.isAlive()).as("the sender waited for a free slot").isFalse();
            Thread.sleep(200);
            assertThat(running.get()).isEqualTo(2);
            release.countDown();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (done.get() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(done.get()).isEqualTo(6);
            assertThat(most.get()).isEqualTo(2);
        } finally {
            release.countDown();
            executor.shutdown();
        }
    }
}
