package org.homeamp.updates.registry;

import java.nio.file.Path;

/**
 * One thing wrong with a registry file, as {@code registry check} prints it.
 *
 * @param file    the registry file (or folder)
 * @param line    1-based line, 0 when the problem concerns the whole file
 * @param message what is wrong, without a final period
 * @param fix     what to do, without a final period
 */
public record RegistryProblem(Path file, int line, String message, String fix) {

    /** {@code <file>:<line>: <message>. Fix: <fix>}. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + message + ". Fix: " + fix;
    }
}
