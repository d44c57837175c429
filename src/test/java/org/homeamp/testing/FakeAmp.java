package org.homeamp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.homeamp.demo.ampsim.AmpSimulator;
import org.homeamp.demo.ampsim.SimulatorControl;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that runs the in-process AMP simulator on the {@link SimHosts} layout for each
 * test: the host files are written to a fresh temporary folder, the simulator of host hetzner starts on
 * a free loopback port before the test and stops (and the folder goes) after it.
 *
 * <pre>{@code @RegisterExtension final FakeAmp amp = FakeAmp.hetzner(300, 200);}</pre>
 */
public final class FakeAmp implements BeforeEachCallback, AfterEachCallback {
    private final int sessionIdleSeconds;
    private final long restartMillis;
    private Path hostsDir;
    private AmpSimulator simulator;

    private FakeAmp(int sessionIdleSeconds, long restartMillis) {
        this.sessionIdleSeconds = sessionIdleSeconds;
        this.restartMillis = restartMillis;
    }

    /** Host hetzner (Lobby01 running, Survival01 stopped, a Geyser GenericModule; ovh as remote target). */
    public static FakeAmp hetzner(int sessionIdleSeconds, long restartMillis) {
        return new FakeAmp(sessionIdleSeconds, restartMillis);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        hostsDir = Files.createTempDirectory("fakeamp-");
        SimHosts.write(hostsDir, sessionIdleSeconds, restartMillis);
        simulator = AmpSimulator.start(hostDir(), 0);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            if (simulator != null) {
                simulator.close();
            }
        } finally {
            try (Stream<Path> all = Files.walk(hostsDir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Stops the simulator and starts a new one on the same host files (a new port, fresh sessions and counters). */
    public AmpSimulator restart() {
        simulator.close();
        try {
            simulator = AmpSimulator.start(hostDir(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return simulator;
    }

    public AmpSimulator simulator() {
        return simulator;
    }

    public URI baseUrl() {
        return simulator.baseUrl();
    }

    public SimulatorControl control() {
        return simulator.control();
    }

    /** The folder holding both hosts' folders. */
    public Path hostsDir() {
        return hostsDir;
    }

    /** hetzner's host folder ({@code host.json}, {@code instances.json}, {@code instances/}). */
    public Path hostDir() {
        return hostsDir.resolve("hetzner");
    }
}
