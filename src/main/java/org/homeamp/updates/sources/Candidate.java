package org.homeamp.updates.sources;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.homeamp.updates.registry.Channel;

/**
 * One published version and the file that would be installed for it.
 *
 * @param version      the version string as the source publishes it
 * @param channel      the channel it was published on
 * @param published    publication time, or {@code null}
 * @param fileUrl      where to download the file
 * @param fileName     the file's name
 * @param size         size in bytes, or -1 when the source does not say
 * @param hashes       every checksum the source publishes for the file (hex, lower case); empty for none
 * @param changelogUrl a page describing the version, or {@code null}
 * @param buildNumber  the CI build number for Jenkins, else -1
 */
public record Candidate(String version, Channel channel, Instant published, String fileUrl, String fileName, long size,
        Map<HashAlgorithm, String> hashes, String changelogUrl, long buildNumber) {

    public Candidate {
        Map<HashAlgorithm, String> copy = new EnumMap<>(HashAlgorithm.class);
        if (hashes != null) {
            hashes.forEach((algorithm, hex) -> {
                if (algorithm != HashAlgorithm.UNVERIFIED && hex != null && !hex.isBlank()) {
                    copy.put(algorithm, hex.strip().toLowerCase(Locale.ROOT));
                }
            });
        }
        hashes = Map.copyOf(copy);
    }

    /** The best checksum algorithm published (sha512 over sha256 over sha1), or {@link HashAlgorithm#UNVERIFIED}. */
    public HashAlgorithm algorithm() {
        for (HashAlgorithm algorithm : HashAlgorithm.values()) {
            if (hashes.containsKey(algorithm)) {
                return algorithm;
            }
        }
        return HashAlgorithm.UNVERIFIED;
    }

    /** The checksum for {@link #algorithm()}, or {@code null} when unverified. */
    public String checksum() {
        return hashes.get(algorithm());
    }

    /** A note for reports when the file cannot be verified, else {@code null}. */
    public String unverifiedNote() {
        return hashes.isEmpty() ? "the source publishes no checksum: the download is UNVERIFIED" : null;
    }

    /** True when one of the published hashes equals the installed jar's hash in the same algorithm. */
    public boolean isFileOf(InstalledJar jar) {
        for (Map.Entry<HashAlgorithm, String> hash : hashes.entrySet()) {
            String installed = jar.hash(hash.getKey());
            if (installed != null && installed.equalsIgnoreCase(hash.getValue())) {
                return true;
            }
        }
        return false;
    }
}
