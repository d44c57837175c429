package org.homeamp.amp;

/**
 * One game instance as listed by {@code ADSModule/GetInstances}.
 *
 * @param instanceId   AMP InstanceID (GUID), used in proxied URLs
 * @param targetId     the host (ADS target) it runs on
 * @param targetName   FriendlyName of that target
 * @param instanceName short unique name, also the directory name; used by Start/Stop/RestartInstance
 * @param friendlyName display name
 * @param module       {@code Minecraft}, {@code GenericModule}, ...
 * @param running      whether the instance's AMP process is up (a cached value)
 * @param appState     the game server's state as cached by the controller
 */
public record AmpInstance(
        String instanceId,
        String targetId,
        String targetName,
        String instanceName,
        String friendlyName,
        String module,
        boolean running,
        AmpState appState) {

    public boolean isMinecraft() {
        return "Minecraft".equalsIgnoreCase(module);
    }
}
