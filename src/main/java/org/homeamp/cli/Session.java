package org.homeamp.cli;

import java.nio.file.Path;

import org.homeamp.batch.RunLock;
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
    private RunLock runLock;

    private Session(SimulatedHosts hosts, ConfigurableApplicationContext context) {
        this.hosts = hosts;
        this.context = context;
    }

    static HomeAmpSettings loadSettings(Path configOption) {
        Path file = ConfigLoader.locate(configOption);
        return remember(ConfigLoader.load(file, System.getenv(), HomeAmpCli.version()));
    }

    /** For commands that run jobs: the baselines and registry folders and a named variables file must exist too. */
    static HomeAmpSettings loadSettingsForJobs(Path configOption) {
        Path file = ConfigLoader.locate(configOption);
        return remember(ConfigLoader.loadForJobs(file, System.getenv(), HomeAmpCli.version()));
    }

    private static HomeAmpSettings remember(HomeAmpSettings settings) {
        HomeAmpCli.logFileIs(settings.stateDir().resolve("logs").resolve("homeamp.log"));
        return settings;
    }

    /**
     * A session for a command that runs a job: the run lock first, so that a second job is refused at once
     * instead of after Spring's start; it is held until the session closes.
     */
    static Session openForJobs(HomeAmpSettings loaded) {
        RunLock lock = RunLock.acquire(loaded);
        try {
            Session session = open(loaded);
            session.runLock = lock;
            return session;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
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
            try {
                hosts.close();
            } finally {
                if (runLock != null) {
                    runLock.close();
                }
            }
        }
    }
}
