package org.homeamp;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.homeamp.config.HomeAmpSettings;
import org.homeamp.config.StateDatabase;
import org.homeamp.config.StateDirectory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Starts the Spring context for validated settings: the job repository on an H2 file in
 * {@code <state-dir>/db/} (or whatever {@code spring.datasource.*} the config names), Flyway for the
 * tool's own tables, and the settings themselves as a bean. Used by the CLI and by job tests alike.
 */
public final class ApplicationContexts {
    private ApplicationContexts() {
    }

    /** JDBC URL of the embedded default database for a state dir ({@link StateDatabase#h2Url}). */
    public static String h2Url(Path stateDir) {
        return StateDatabase.h2Url(stateDir);
    }

    public static ConfigurableApplicationContext open(HomeAmpSettings settings) {
        return open(settings, Map.of());
    }

    public static ConfigurableApplicationContext open(HomeAmpSettings settings, Map<String, Object> extraProperties) {
        Map<String, Object> props = new HashMap<>();
        props.put("logging.file.name", StateDirectory.prepareForJobs(settings.stateDir()).toString());
        StateDatabase.Credentials db = StateDatabase.credentials(settings);
        if (db.postgres()) {
            // Spring Batch's own PostgreSQL script with IF NOT EXISTS, so it runs on every start.
            props.put("spring.batch.jdbc.schema", "classpath:db/batch-schema-postgresql.sql");
        } else if (!db.embedded()) {
            // Another database: its Batch schema script has no IF NOT EXISTS, so a second start must
            // tolerate "already exists".
            props.put("spring.batch.jdbc.continue-on-error", "true");
        } else {
            props.put("spring.datasource.url", db.url());
            props.put("spring.datasource.username", db.user());
            props.put("spring.datasource.password", db.password().reveal());
            props.put("spring.batch.jdbc.schema", "classpath:db/batch-schema-h2.sql");
        }
        // spring.* keys of homeamp.yml win over the defaults in application.properties
        props.putAll(settings.springProperties());
        // a homeamp key (config.DatasourceSection): the password it names is spring.datasource.password now
        props.remove("spring.datasource.password-file");
        props.putAll(extraProperties);
        // set on the environment before start, so that logging (configured early) sees them too
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("homeamp.yml", props));
        for (int attempt = 1; ; attempt++) {
            try {
                ConfigurableApplicationContext context = new SpringApplicationBuilder(HomeAmpApplication.class)
                        .environment(environment)
                        .initializers(ctx -> ctx.getBeanFactory().registerSingleton("homeAmpSettings", settings))
                        .run();
                StateDatabase.restrictFiles(settings.stateDir());
                return context;
            } catch (RuntimeException e) {
                if (attempt >= OPEN_ATTEMPTS || !isDatabaseHandover(e)) {
                    throw e;
                }
                // Another homeamp process (a 'status' during a job's start, or the other way round) is
                // opening the same H2 file at this very moment; H2 refuses the second one briefly.
                sleep(400L * attempt);
            }
        }
    }

    /**
     * The context of a {@code homeamp worker}: only on PostgreSQL, and without creating or migrating
     * any table (the manager does that; a worker's database role may not be allowed to).
     */
    public static ConfigurableApplicationContext openWorker(HomeAmpSettings settings, Map<String, Object> extraProperties) {
        Map<String, Object> props = new HashMap<>();
        props.put("spring.flyway.enabled", "false");
        props.put("spring.batch.jdbc.initialize-schema", "never");
        // the worker stops itself on SIGTERM (the running partition first, then the context)
        props.put("spring.main.register-shutdown-hook", "false");
        // partition requests run on the worker's own loops, worker.concurrency at a time (PartitionInputs)
        props.put(org.homeamp.batch.RemotePartitioningConfig.WORKER_PROCESS, "true");
        props.putAll(extraProperties);
        Object url = extraProperties.containsKey("spring.datasource.url") ? extraProperties.get("spring.datasource.url")
                : settings.springProperties().get("spring.datasource.url");
        if (url == null || !org.homeamp.config.SqlDialect.isPostgres(url.toString())) {
            throw new org.homeamp.config.ConfigException(settings.configFile() + ": 'homeamp worker' needs the shared PostgreSQL job repository,"
                    + " but spring.datasource.url " + (url == null ? "is not set (the embedded H2 database cannot be shared between hosts)"
                    : "is not a PostgreSQL URL") + ". Fix: set spring.datasource.url: jdbc:postgresql://<manager-host>:5432/homeamp"
                    + " and spring.datasource.username in homeamp.yml (the password in SPRING_DATASOURCE_PASSWORD), see docs/scaling.md");
        }
        return open(settings, props);
    }

    private static final int OPEN_ATTEMPTS = 6;

    /** H2's answer while another process takes over or opens the same database file in AUTO_SERVER mode. */
    static boolean isDatabaseHandover(Throwable e) {
        return StateDatabase.isDatabaseHandover(e);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
