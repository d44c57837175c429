package org.homeamp.inventory;

/** The result of inspecting one jar: hashes always when the bytes could be read; a descriptor only when {@link JarStatus#OK}. */
public record InspectedJar(WorkItem item, long size, String sha1, String sha256, String sha512, JarStatus status, String problem,
        PluginDescriptor descriptor) {
}
