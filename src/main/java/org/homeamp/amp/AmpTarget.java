package org.homeamp.amp;

import java.util.List;

/**
 * One host (ADS target) from {@code ADSModule/GetInstances}, with the instances it lists. The
 * target's own ADS row is already left out.
 *
 * @param targetId     the target's InstanceId (GUID of that host's ADS)
 * @param friendlyName its display name, e.g. {@code AMP01}
 * @param url          the URL AMP reports for it; may be null
 * @param instances    its game instances (all modules; {@link AmpInstance#isMinecraft()} filters)
 */
public record AmpTarget(String targetId, String friendlyName, String url, List<AmpInstance> instances) {
    public AmpTarget {
        instances = List.copyOf(instances);
    }
}
