package org.homeamp.updates.sources;

/**
 * The installed plugin jar being checked, as discovery recorded it (table {@code plugin_jar}).
 *
 * @param pluginName descriptor name
 * @param version    descriptor version string
 * @param fileName   jar file name in {@code plugins/}
 * @param sha1       hex, lower case, or {@code null}
 * @param sha256     hex, lower case, or {@code null}
 * @param sha512     hex, lower case, or {@code null}
 * @param platform   the server platform ({@code paper}), or {@code null} for the registry's
 */
public record InstalledJar(String pluginName, String version, String fileName, String sha1, String sha256,
        String sha512, String platform) {

    /** A copy whose sha512 is {@code sha512}. */
    public InstalledJar withHash(String sha512Hex) {
        return new InstalledJar(pluginName, version, fileName, sha1, sha256, sha512Hex, platform);
    }

    /** The jar's hash in {@code algorithm}, or {@code null} when not known. */
    public String hash(HashAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA1 -> sha1;
            case SHA256 -> sha256;
            case SHA512 -> sha512;
            case UNVERIFIED -> null;
        };
    }
}
