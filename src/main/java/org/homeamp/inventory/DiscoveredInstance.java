package org.homeamp.inventory;

/**
 * An instance found on a server. {@code instanceId} and {@code ampState} are null when AMP could not
 * be asked (a {@code files: local} server whose AMP was unreachable).
 */
public record DiscoveredInstance(String server, String instanceName, String instanceId, String friendlyName, String ampState) {
}
