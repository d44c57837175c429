package org.homeamp.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.homeamp.HomeAmpApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

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
        props.putAll(settings.springProperties());
        if (!settings.springProperties().containsKey("spring.datasource.url")) {
            props.put("spring.datasource.url", h2Url(settings.stateDir()));
            props.put("spring.batch.jdbc.schema", "classpath:db/batch-schema-h2.sql");
        }
        props.putAll(extraProperties);
        return new SpringApplicationBuilder(HomeAmpApplication.class)
                .properties(props)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("homeAmpSettings", settings))
                .run();
    }
}
