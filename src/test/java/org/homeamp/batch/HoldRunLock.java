package org.homeamp.batch;

import java.nio.file.Path;

import org.homeamp.config.ConfigLoader;
import org.homeamp.config.HomeAmpSettings;

/** A second process for {@link RunLockPostgresTest}: takes the run lock of a config, says so, and holds it until killed. */
public final class HoldRunLock {
    private HoldRunLock() {
    }

    public static void main(String[] args) throws Exception {
        HomeAmpSettings settings = ConfigLoader.load(Path.of(args[0]), System.getenv(), "test");
        try (RunLock lock = RunLock.acquire(settings)) {
            System.out.println("HELD " + java.lang.management.ManagementFactory.getRuntimeMXBean().getName());
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
