package org.homeamp.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.homeamp.batch.JobService;
import org.homeamp.ApplicationContexts;
import org.homeamp.config.ConfigLoader;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.homeamp.demo.SimulatedHosts;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A generated demo network with its simulated AMP hosts running and the application context open
 * on its state dir: the same parts the CLI uses, for job tests.
 */
public final class DemoFixture implements AutoCloseable {
    public final DemoNetwork network;
    public final SimulatedHosts hosts;
    public final ConfigurableApplicationContext context;

    private DemoFixture(DemoNetwork network, SimulatedHosts hosts, ConfigurableApplicationContext context) {
        this.network = network;
        this.hosts = hosts;
        this.context = context;
    }

    public static DemoFixture start(Path dir, int instances, int plugins) throws IOException {
        return start(dir, instances, plugins, Map.of());
    }

    /** As {@link #start(Path, int, int)} with extra Spring properties, e.g. {@code spring.mail.host}. */
    public static DemoFixture start(Path dir, int instances, int plugins, Map<String, Object> properties) throws IOException {
        DemoNetwork network = new DemoNetworkGenerator().generate(dir, instances, plugins, false);
        return open(network, properties);
    }

    /** Opens (again) on an existing network: a new context on the same state, as a second process would. */
    public static DemoFixture open(DemoNetwork network) {
        return open(network, Map.of());
    }

    /** As {@link #open(DemoNetwork)} with extra Spring properties. */
    public static DemoFixture open(DemoNetwork network, Map<String, Object> properties) {
        HomeAmpSettings settings = ConfigLoader.load(network.configFile(), Map.of(), "test");
        SimulatedHosts hosts = SimulatedHosts.start(settings);
        try {
            return new DemoFixture(network, hosts, ApplicationContexts.open(hosts.settings(), properties));
        } catch (RuntimeException e) {
            hosts.close();
            throw e;
        }
    }

    public HomeAmpSettings settings() {
        return hosts.settings();
    }

    public JobService jobs() {
        return context.getBean(JobService.class);
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    public long count(String sql, Object... args) {
        Long n = jdbc().queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
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
