package org.homeamp.formats;

import org.homeamp.drift.FindingKind;

/**
 * A deliberate violation for {@code ArchitectureTest}: the formats package using a drift type, the
 * dependency that made {@code baseline} and {@code drift} a cycle. Never used by any other code.
 */
final class ArchFixtureFormatsUsesDrift {
    private ArchFixtureFormatsUsesDrift() {
    }

    static FindingKind kind() {
        return FindingKind.UNPARSEABLE;
    }
}
