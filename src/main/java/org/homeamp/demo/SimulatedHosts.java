package org.homeamp.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.homeamp.config.ConfigException;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.config.ServerSettings;
import org.homeamp.demo.ampsim.AmpSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated AMP hosts of a demo configuration ({@code homeamp.simulator.hosts-dir}), started
 * in-process. If the port in a server's {@code amp-url} is taken, its simulator takes a free one
 * and {@link #settings()} carries the URL it really listens on.
 */
public final class SimulatedHosts implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimulatedHosts.class);

    private final HomeAmpSettings settings;
    private final Map<String, AmpSimulator> simulators;

    private SimulatedHosts(HomeAmpSettings settings, Map<String, AmpSimulator> simulators) {
        this.settings = settings;
        this.simulators = simulators;
    }

    /** Starts one simulator per server; returns a no-op instance when the config has no simulator section. */
    public static SimulatedHosts start(HomeAmpSettings s) {
        Map<String, AmpSimulator> sims = new LinkedHashMap<>();
        if (s.simulator() == null) {
            return new SimulatedHosts(s, sims);
        }
        List<ServerSettings> servers = new ArrayList<>();
        try {
            for (ServerSettings server : s.servers()) {
                Path hostDir = s.simulator().hostsDir().resolve(server.name());
                if (!Files.isDirectory(hostDir)) {
                    throw new ConfigException(s.configFile() + ": homeamp.simulator.hosts-dir has no folder for server " + server.name()
                            + " (" + hostDir + "). Fix: run 'homeamp demo --fresh' to rebuild the demo network");
                }
                AmpSimulator sim;
                try {
                    try {
                        sim = AmpSimulator.start(hostDir, server.ampUrl().getPort());
                    } catch (BindException busy) {
                        sim = AmpSimulator.start(hostDir, 0);
                        log.info("port {} is busy: the simulated AMP of {} listens on {} instead", server.ampUrl().getPort(), server.name(),
                                sim.baseUrl());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start the simulated AMP of " + server.name() + ": " + e.getMessage(), e);
                }
                sims.put(server.name(), sim);
                servers.add(new ServerSettings(server.name(), sim.baseUrl(), server.username(), server.password(), server.passwordSource(),
                        server.files(), server.instancesDir(), server.target()));
            }
        } catch (RuntimeException e) {
            sims.values().forEach(AmpSimulator::close);
            throw e;
        }
        HomeAmpSettings adjusted = new HomeAmpSettings(s.configFile(), s.stateDir(), s.baselinesDir(), s.registryDir(), s.variables(),
                s.timeZone(), s.parallelism(), List.copyOf(servers), s.sources(), s.mail(), s.reports(), s.plans(), s.simulator(),
                s.springProperties());
        return new SimulatedHosts(adjusted, sims);
    }

    /** The settings with every simulated server's URL pointing at its running simulator. */
    public HomeAmpSettings settings() {
        return settings;
    }

    /** The simulator of one server (tests use it to inject faults). */
    public AmpSimulator simulator(String server) {
        AmpSimulator sim = simulators.get(server);
        if (sim == null) {
            throw new IllegalArgumentException("server " + server + " is not simulated");
        }
        return sim;
    }

    @Override
    public void close() {
        simulators.values().forEach(AmpSimulator::close);
    }
}
