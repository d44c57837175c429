package org.homeamp.demo.updatesim;

import org.homeamp.updates.registry.Channel;

/**
 * One version the simulated source publishes.
 *
 * @param version  version string
 * @param channel  release, beta or alpha
 * @param fileName the published file name
 * @param jar      the published (and hashed) bytes
 * @param corrupt  true: the file served differs from {@code jar} in one byte, so the published hash does not match
 */
public record PublishedVersion(String version, Channel channel, String fileName, byte[] jar, boolean corrupt) {
}
