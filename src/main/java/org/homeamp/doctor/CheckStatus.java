package org.homeamp.doctor;

/** The outcome of one doctor check. Only {@link #FAIL} makes {@code homeamp doctor} exit 1. */
public enum CheckStatus {
    OK,
    WARN,
    FAIL,
    /** Not checked here: the thing does not apply on this host, or a check it depends on failed. */
    SKIP
}
