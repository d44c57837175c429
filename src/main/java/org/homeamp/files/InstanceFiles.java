package org.homeamp.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The files of one instance, relative to its {@code Minecraft/} folder, with {@code /} separators.
 * Two implementations: {@link LocalInstanceFiles} (this host's disk) and {@link AmpApiInstanceFiles}
 * (AMP's FileManager API). Every path that would leave {@code Minecraft/} is refused with
 * {@link InstancePathException}.
 */
public interface InstanceFiles {

    /** Entries directly in {@code dir} ({@code ""} = the Minecraft folder), sorted by name. Missing dir: empty list. */
    List<Entry> list(String dir) throws IOException;

    /** Opens a file for streaming; the caller closes it. */
    InputStream open(String path) throws IOException;

    /** The whole file. */
    byte[] read(String path) throws IOException;

    boolean exists(String path) throws IOException;

    /**
     * Replaces (or creates) a file atomically: written under a temporary name in the same folder,
     * then renamed over the target, so a crash never leaves a half-written file. A replaced file
     * keeps its owner, group and mode.
     */
    void write(String path, byte[] content) throws IOException;

    /** Renames a file within the instance. */
    void rename(String from, String to) throws IOException;

    /** Moves a file to AMP's trash (amp-api) or deletes it (local). */
    void trash(String path) throws IOException;

    /** Where these files are, for messages: {@code hetzner/Survival01}. */
    String describe();

    /** A directory entry. {@code path} is relative to Minecraft/. */
    record Entry(String path, String name, boolean directory, long size) {
    }
}
