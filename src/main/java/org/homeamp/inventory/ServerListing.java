package org.homeamp.inventory;

import java.util.List;

import org.homeamp.batch.Problems.Problem;

/**
 * What listing one server found: its instances, the problems met on the way, and (when nothing could
 * be listed at all) why.
 */
public record ServerListing(String server, List<DiscoveredInstance> instances, List<Problem> problems, String unreachable) {
    public boolean reachable() {
        return unreachable == null;
    }
}
