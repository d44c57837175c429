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
import org.homeamp.config.HomeAmpSettings.SourceSettings;
import org.homeamp.config.HomeAmpSettings.SourcesSettings;
import org.homeamp.demo.ampsim.AmpSimulator;

import org.homeamp.demo.updatesim.UpdateSourceSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated AMP hosts of a demo configuration ({@code homeamp.simulator.hosts-dir}), started
 * in-process. If the port in a server's {@code amp-url} is taken, its simulator takes a free one
 * and {@link #settings()} carries the URL it really listens on. When {@code <hosts-dir>/update-source/}
 * exists, the simulated update source starts too, on the port written there (else a free one, and the
 * {@code sources} base URLs on that port follow it).
 */
public final class SimulatedHosts implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimulatedHosts.class);

    /** Folder under the hosts dir whose presence starts the simulated update source; holds its {@code port}. */
    public static final String UPDATE_SOURCE_DIR = "update-source";

    private final HomeAmpSettings settings;
    private final Map<String, AmpSimulator> simulators;
    private UpdateSourceSimulator updateSource;

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
        UpdateSourceSimulator updates;
        SourcesSettings sources;
        try {
            updates = startUpdateSource(s);
            sources = updates == null ? s.sources() : follow(s, updates);
        } catch (IOException e) {
            sims.values().forEach(AmpSimulator::close);
            throw new UncheckedIOException("cannot read the simulated update source's port: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            sims.values().forEach(AmpSimulator::close);
            throw e;
        }
        HomeAmpSettings adjusted = new HomeAmpSettings(s.configFile(), s.stateDir(), s.baselinesDir(), s.registryDir(), s.variables(),
                s.timeZone(), s.parallelism(), List.copyOf(servers), sources, s.mail(), s.reports(), s.plans(), s.deploy(), s.simulator(),
                s.springProperties(), s.worker());
        SimulatedHosts hosts = new SimulatedHosts(adjusted, sims);
        hosts.updateSource = updates;
        return hosts;
    }

    private static UpdateSourceSimulator startUpdateSource(HomeAmpSettings s) {
        Path dir = s.simulator().hostsDir().resolve(UPDATE_SOURCE_DIR);
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try {
            int port = configuredPort(dir);
            var projects = DemoUpdateScenario.projects(s.registryDir());
            try {
                return UpdateSourceSimulator.start(port, projects);
            } catch (BindException busy) {
                UpdateSourceSimulator sim = UpdateSourceSimulator.start(0, projects);
                log.info("port {} is busy: the simulated update source listens on {} instead", port, sim.baseUrl());
                return sim;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the simulated update source: " + e.getMessage(), e);
        }
    }

    private static int configuredPort(Path dir) throws IOException {
        Path file = dir.resolve("port");
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try {
            return Integer.parseInt(Files.readString(file).strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The sources whose base URL is on the simulator's configured port, moved to the port it really listens on. */
    private static SourcesSettings follow(HomeAmpSettings s, UpdateSourceSimulator sim) throws IOException {
        String configured = "http://127.0.0.1:" + configuredPort(s.simulator().hostsDir().resolve(UPDATE_SOURCE_DIR));
        Map<String, SourceSettings> byName = new LinkedHashMap<>();
        s.sources().byName().forEach((name, source) -> byName.put(name, source.baseUrl() != null && source.baseUrl().startsWith(configured + "/")
                ? new SourceSettings(sim.baseUrl() + source.baseUrl().substring(configured.length()), source.tokenEnv(),
                        source.maxConcurrent(), source.requestsPerMinute())
                : source));
        return new SourcesSettings(Map.copyOf(byName), s.sources().userAgent());
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

    /** The simulated update source, or {@code null} when this demo has none. */
    public UpdateSourceSimulator updateSource() {
        return updateSource;
    }

    @Override
    public void close() {
        simulators.values().forEach(AmpSimulator::close);
        if (updateSource != null) {
            updateSource.close();
        }
    }
}
