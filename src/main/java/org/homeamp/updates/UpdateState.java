package org.homeamp.updates;

/** The outcome of checking one installed plugin against its source (SPEC §8). */
public enum UpdateState {
    /** The installed version is the newest accepted one. */
    UP_TO_DATE,
    /** A newer accepted version is published; the result names it and its file. */
    UPDATE_AVAILABLE,
    /** The installed build is newer than the newest accepted one (a dev build, a beta on a release channel). */
    AHEAD,
    /** The registry holds this plugin back ({@code hold: true}, or nothing newer within the held prefix). */
    HELD,
    /** No registry entry, or {@code source: manual}: nothing was checked. */
    UNKNOWN_SOURCE,
    /** The source could not answer, or the answer could not be compared; the reason says which. */
    CHECK_FAILED
}
