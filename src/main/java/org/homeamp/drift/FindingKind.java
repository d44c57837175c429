package org.homeamp.drift;

/** What kind of difference a {@link Finding} reports (SPEC §7). */
public enum FindingKind {
    CHANGED, MISSING_KEY, EXTRA_KEY, MISSING_FILE, UNPARSEABLE, TYPE_MISMATCH, UNRESOLVED_VARIABLE
}
