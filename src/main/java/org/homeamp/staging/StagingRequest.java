package org.homeamp.staging;

import org.homeamp.updates.sources.HashAlgorithm;

/**
 * One file to stage, as the update check published it.
 *
 * @param plugin    the plugin's descriptor name; the staged jar's descriptor must carry it
 * @param version   the version being staged
 * @param fileName  the published file name, or {@code null} to take it from the URL
 * @param url       where to download it
 * @param size      the published size, or -1 when unknown
 * @param checksum  the published checksum (hex), or {@code null}
 * @param algorithm its algorithm, {@link HashAlgorithm#UNVERIFIED} when none is published
 */
public record StagingRequest(String plugin, String version, String fileName, String url, long size, String checksum,
        HashAlgorithm algorithm) {
}
