package org.homeamp.inventory;

/**
 * An instance AMP lists on a server. {@code running} is whether its AMP process runs (GetInstances'
 * {@code Running}): a stopped one cannot serve its files through AMP, which is no transient failure.
 */
public record DiscoveredInstance(String server, String instanceName, String instanceId, String friendlyName, String ampState,
        boolean running) {
}
