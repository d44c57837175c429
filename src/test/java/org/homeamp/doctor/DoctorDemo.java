package org.homeamp.doctor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.homeamp.config.ConfigLoader;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;

/** A generated demo network for doctor tests, and options that never reach systemd. */
final class DoctorDemo {
    private DoctorDemo() {
    }

    static DemoNetwork generate(Path dir) throws IOException {
        return new DemoNetworkGenerator().generate(dir, 6, 14, false);
    }

    static HomeAmpSettings settings(DemoNetwork network) {
        return ConfigLoader.load(network.configFile(), Map.of(), "test");
    }

    /** Options as the CLI makes them, with a systemctl that does not exist (the timer check is skipped). */
    static DoctorOptions options(String user, long minFree) {
        return new DoctorOptions(user, minFree, Map.of(), "/nonexistent/systemctl", Duration.ofSeconds(10), "test");
    }
}
