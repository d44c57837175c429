package org.homeamp.cli;

import java.nio.file.Path;

import org.homeamp.config.ConfigLoader;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.ApplicationContexts;
import org.homeamp.demo.SimulatedHosts;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Everything a command needs: validated settings, the simulated AMP hosts when the configuration
 * is a demo one, and the Spring context with the job repository. Closing it stops all of them.
 */
final class Session implements AutoCloseable {
    private final SimulatedHosts hosts;
    private final ConfigurableApplicationContext context;

    private Session(SimulatedHosts hosts, ConfigurableApplicationContext context) {
        this.hosts = hosts;
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
        SimulatedHosts hosts = SimulatedHosts.start(loaded);
        try {
            return new Session(hosts, ApplicationContexts.open(hosts.settings()));
        } catch (RuntimeException e) {
            hosts.close();
            throw e;
        }
    }

    HomeAmpSettings settings() {
        return hosts.settings();
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            hosts.close();
        }
    }
}
