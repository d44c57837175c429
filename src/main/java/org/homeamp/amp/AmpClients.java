package org.homeamp.amp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.homeamp.config.HomeAmpSettings;
import org.homeamp.config.ServerSettings;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One {@link AmpClient} per configured server, created on first use and shared by every step, so
 * that a job logs in to each host once (and a rejected password is never sent twice).
 */
@Component
public class AmpClients implements DisposableBean {
    private final HomeAmpSettings settings;
    private final Map<String, AmpClient> clients = new ConcurrentHashMap<>();

    public AmpClients(HomeAmpSettings settings) {
        this.settings = settings;
    }

    public AmpClient forServer(String serverName) {
        return clients.computeIfAbsent(serverName, name -> {
            ServerSettings s = settings.server(name)
                    .orElseThrow(() -> new IllegalArgumentException("no server named " + name + " in the configuration"));
            return new AmpClient(new AmpConnection(s.name(), s.ampUrl(), s.username(), s.password(),
                    settings.sources().userAgent(), Duration.ofSeconds(30), Duration.ofSeconds(2)));
        });
    }

    @Override
    public void destroy() {
        clients.values().forEach(AmpClient::close);
        clients.clear();
    }
}
