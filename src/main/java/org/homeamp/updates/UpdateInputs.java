package org.homeamp.updates;

import javax.sql.DataSource;

import org.homeamp.config.HomeAmpSettings;
import org.homeamp.updates.registry.Registry;
import org.homeamp.updates.registry.RegistryLoader;
import org.homeamp.updates.sources.JdbcHttpCache;
import org.homeamp.updates.sources.SourceHttp;
import org.homeamp.updates.sources.UpdateSources;
import org.springframework.stereotype.Component;

/**
 * What an update check works with: the validated registry and the sources, built once per job
 * execution and shared by its partition threads, so that the per-host limits of {@link SourceHttp}
 * hold across all of them (a limiter per thread would multiply the allowed rate).
 */
public final class UpdateInputs {
    private final Registry registry;
    private final SourceHttp http;
    private final UpdateSources sources;

    UpdateInputs(Registry registry, SourceHttp http, UpdateSources sources) {
        this.registry = registry;
        this.http = http;
        this.sources = sources;
    }

    /** Reads and validates the registry; throws {@link org.homeamp.config.ConfigException} (exit 2) when it is broken. */
    public static Registry registry(HomeAmpSettings settings) {
        return new RegistryLoader().load(settings.registryDir()).requireValid();
    }

    public Registry registry() {
        return registry;
    }

    public SourceHttp http() {
        return http;
    }

    public UpdateSources sources() {
        return sources;
    }

    /** The inputs of one job execution (Spring Batch's job scope is not visible from partition threads). */
    @Component
    public static class PerExecution {
        private final HomeAmpSettings settings;
        private final DataSource dataSource;
        private long executionId = -1;
        private UpdateInputs inputs;

        public PerExecution(HomeAmpSettings settings, DataSource dataSource) {
            this.settings = settings;
            this.dataSource = dataSource;
        }

        public synchronized UpdateInputs get(long jobExecutionId) {
            if (jobExecutionId != executionId || inputs == null) {
                SourceHttp http = UpdateSources.http(settings.sources(), new JdbcHttpCache(dataSource), System::getenv);
                inputs = new UpdateInputs(registry(settings), http, UpdateSources.create(settings.sources(), http));
                executionId = jobExecutionId;
            }
            return inputs;
        }
    }
}
