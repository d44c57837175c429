package org.homeamp.inventory;

/** What inspecting a jar found. */
public enum JarStatus {
    /** A zip with a readable plugin descriptor. */
    OK,
    /** A valid zip without plugin.yml, paper-plugin.yml, bungee.yml or velocity-plugin.json (a library jar?). */
    NO_DESCRIPTOR,
    /** The descriptor is there but cannot be parsed or lacks a name. */
    BAD_DESCRIPTOR,
    /** Not a readable zip file (truncated download, HTML page saved as .jar). */
    CORRUPT,
    /** The file could not be read at all (permissions, I/O error). */
    UNREADABLE
}
