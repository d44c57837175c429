package org.homeamp.config;

/** How the tool reaches a server's instance files. */
public enum FilesMode {
    /** Read and write {@code <instances-dir>/<InstanceName>/Minecraft/} directly on this host. */
    LOCAL,
    /** Through AMP's FileManagerPlugin API, proxied by the server's controller. */
    AMP_API;

    public String yamlName() {
        return this == LOCAL ? "local" : "amp-api";
    }
}
