package org.homeamp.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.homeamp.HomeAmpApplication;
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

    /** JDBC URL of the embedded default database for a state dir. */
    public static String h2Url(Path stateDir) {
        return "jdbc:h2:file:" + stateDir.toAbsolutePath().resolve("db").resolve("homeamp")
                + ";AUTO_SERVER=TRUE;TRACE_LEVEL_FILE=0";
    }

    public static ConfigurableApplicationContext open(HomeAmpSettings settings) {
        return open(settings, Map.of());
    }

    public static ConfigurableApplicationContext open(HomeAmpSettings settings, Map<String, Object> extraProperties) {
        Map<String, Object> props = new HashMap<>();
        props.put("logging.file.name", settings.stateDir().resolve("logs").resolve("homeamp.log").toString());
        if (settings.springProperties().containsKey("spring.datasource.url")) {
            // Another database (PostgreSQL): its Batch schema script has no IF NOT EXISTS, so a second
            // start must tolerate "already exists".
            props.put("spring.batch.jdbc.continue-on-error", "true");
        } else {
            props.put("spring.datasource.url", h2Url(settings.stateDir()));
            props.put("spring.batch.jdbc.schema", "classpath:db/batch-schema-h2.sql");
        }
        // spring.* keys of homeamp.yml win over the defaults in application.properties
        props.putAll(settings.springProperties());
        props.putAll(extraProperties);
        // set on the environment before start, so that logging (configured early) sees them too
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("homeamp.yml", props));
        return new SpringApplicationBuilder(HomeAmpApplication.class)
                .environment(environment)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("homeAmpSettings", settings))
                .run();
    }
}
