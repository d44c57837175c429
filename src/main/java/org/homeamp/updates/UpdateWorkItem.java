package org.homeamp.updates;

import org.homeamp.updates.sources.InstalledJar;

/**
 * One distinct installed jar to check (plugin name + sha256), whatever number of instances have it.
 *
 * @param seq its position in the run's work list
 * @param jar the jar as discovery recorded it
 */
public record UpdateWorkItem(int seq, InstalledJar jar) {
}
