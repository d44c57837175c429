package org.homeamp.demo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * One generated Minecraft instance.
 *
 * @param name          AMP InstanceName and folder name ({@code Survival02})
 * @param friendlyName  AMP FriendlyName ({@code Survival 2})
 * @param type          lower-case instance type ({@code survival}); also its first variables group
 * @param groups        variables groups in overlay order
 * @param server        the host it lives on
 * @param indexOnServer 0-based position in its host's listing; ports are derived from it
 */
record DemoInstance(String name, String friendlyName, String type, List<String> groups, String server,
                    int indexOnServer) {

    /** Deterministic, so regenerating gives the same InstanceIDs and the AMP simulator's URLs stay valid. */
    String instanceId() {
        return guid("instance/" + server + "/" + name);
    }

    int ampPort() {
        return 8081 + indexOnServer;
    }

    // Port ranges are far enough apart that no two overlap for up to DemoNetworkGenerator.MAX_INSTANCES.
    int gamePort() {
        return 25565 + indexOnServer;
    }

    int rconPort() {
        return 27565 + indexOnServer;
    }

    int bedrockPort() {
        return 19132 + indexOnServer;
    }

    int dynmapPort() {
        return 30565 + indexOnServer;
    }

    static String guid(String key) {
        return UUID.nameUUIDFromBytes(("homeamp-demo/" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
