package org.homeamp.files;

import java.io.IOException;

/**
 * A path that is not a regular file where one is read: a named pipe, a device, a socket or a
 * directory. Such a file is never opened, because opening a named pipe blocks until someone writes
 * to it and would hang the scan.
 */
public class SpecialFileException extends IOException {
    private final String kind;

    public SpecialFileException(String where, String kind) {
        super(where + " is " + kind + ", not a regular file, and was not read. Fix: remove it, or put the real file in its place");
        this.kind = kind;
    }

    /** What the path is instead, e.g. {@code "a named pipe (FIFO)"}. */
    public String kind() {
        return kind;
    }
}
