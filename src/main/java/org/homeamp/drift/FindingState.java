package org.homeamp.drift;

/** A stored finding's state relative to the instance's previous completed scan (SPEC §7). */
public enum FindingState {
    /** Not in the previous scan. */
    NEW,
    /** In the previous scan and still there. */
    OPEN,
    /** In the previous scan, gone now. */
    RESOLVED
}
