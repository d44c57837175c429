package org.homeamp.files;

import org.homeamp.amp.AmpClients;
import org.homeamp.config.FilesMode;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.config.ServerSettings;
import org.springframework.stereotype.Component;

/** Gives the right {@link InstanceFiles} for an instance, by its server's {@code files} setting. */
@Component
public class InstanceFilesFactory {
    private final HomeAmpSettings settings;
    private final AmpClients ampClients;

    public InstanceFilesFactory(HomeAmpSettings settings, AmpClients ampClients) {
        this.settings = settings;
        this.ampClients = ampClients;
    }

    public InstanceFiles forInstance(String server, String instanceName, String instanceId) {
        ServerSettings s = settings.server(server)
                .orElseThrow(() -> new IllegalArgumentException("no server named " + server + " in the configuration"));
        if (s.files() == FilesMode.LOCAL) {
            return new LocalInstanceFiles(s.instancesDir().resolve(instanceName).resolve("Minecraft"), server + "/" + instanceName);
        }
        if (instanceId == null || instanceId.isBlank()) {
            throw new IllegalStateException("instance " + server + "/" + instanceName + " has no AMP InstanceID: its files cannot be reached through the AMP API");
        }
        return new AmpApiInstanceFiles(ampClients.forServer(server), server, instanceId, instanceName);
    }
}
