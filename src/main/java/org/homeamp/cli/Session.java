package org.homeamp.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.homeamp.config.ConfigException;
import org.homeamp.config.ConfigLoader;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.config.ServerSettings;
import org.homeamp.demo.ampsim.AmpSimulator;
import org.homeamp.config.ApplicationContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Everything a command needs: validated settings, the simulated AMP hosts when the configuration
 * is a demo one, and the Spring context with the job repository. Closing it stops all of them.
 */
final class Session implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Session.class);

    private final HomeAmpSettings settings;
    private final List<AmpSimulator> simulators;
    private final ConfigurableApplicationContext context;

    private Session(HomeAmpSettings settings, List<AmpSimulator> simulators, ConfigurableApplicationContext context) {
        this.settings = settings;
        this.simulators = simulators;
        this.context = context;
    }

    static HomeAmpSettings loadSettings(Path configOption) {
        Path file = ConfigLoader.locate(configOption);
        return ConfigLoader.load(file, System.getenv(), HomeAmpCli.version());
    }

    static Session open(Path configOption) {
        return open(loadSettings(configOption));
    }

    static Session open(HomeAmpSettings loaded) {
        List<AmpSimulator> sims = new ArrayList<>();
        HomeAmpSettings settings = loaded;
        try {
            if (loaded.simulator() != null) {
                settings = startSimulators(loaded, sims);
            }
            ConfigurableApplicationContext ctx = ApplicationContexts.open(settings);
            return new Session(settings, sims, ctx);
        } catch (RuntimeException e) {
            sims.forEach(AmpSimulator::close);
            throw e;
        }
    }

    /**
     * Demo configs name a hosts folder: each server's AMP is simulated in-process. If the port in
     * its {@code amp-url} is taken, the simulator takes a free one and the URL follows it.
     */
    private static HomeAmpSettings startSimulators(HomeAmpSettings s, List<AmpSimulator> sims) {
        List<ServerSettings> servers = new ArrayList<>();
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
                    log.info("port {} is busy: simulated AMP of {} listens on {} instead", server.ampUrl().getPort(), server.name(), sim.baseUrl());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the simulated AMP of " + server.name() + ": " + e.getMessage(), e);
            }
            sims.add(sim);
            URI url = sim.baseUrl();
            servers.add(new ServerSettings(server.name(), url, server.username(), server.password(), server.passwordSource(),
                    server.files(), server.instancesDir(), server.target()));
        }
        return new HomeAmpSettings(s.configFile(), s.stateDir(), s.baselinesDir(), s.registryDir(), s.variables(), s.timeZone(),
                s.parallelism(), List.copyOf(servers), s.sources(), s.mail(), s.reports(), s.plans(), s.simulator(), s.springProperties());
    }

    HomeAmpSettings settings() {
        return settings;
    }

    List<AmpSimulator> simulators() {
        return simulators;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            simulators.forEach(AmpSimulator::close);
        }
    }
}
