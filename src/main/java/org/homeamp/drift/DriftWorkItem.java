package org.homeamp.drift;

/** One expected file of one instance to compare in a drift run. */
public record DriftWorkItem(String server, String instance, String instanceId, String file) {
}
