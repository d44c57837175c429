package org.homeamp.updates.versions;

import java.util.List;

/**
 * A version string read by {@link VersionOrder}: the numeric core, the pre-release qualifiers, and the
 * parts that do not take part in precedence (build number, build metadata, classifiers such as
 * {@code -dist}).
 *
 * @param raw         the string as given
 * @param core        numeric release segments with trailing zeros removed ({@code 5.4.0} → {@code [5, 4]})
 * @param qualifiers  pre-release qualifiers in order; empty for a release
 * @param buildNumber a build number found in {@code -b123}, {@code build 123}, {@code +906}, {@code (b110-…)}; -1 when none
 * @param ignored     text that was read but plays no part in ordering (metadata, hashes, classifiers)
 */
public record ParsedVersion(String raw, List<Long> core, List<Qualifier> qualifiers, long buildNumber, String ignored) {

    /** True when no pre-release qualifier is present. */
    public boolean isRelease() {
        return qualifiers.isEmpty();
    }

    /**
     * One pre-release qualifier.
     *
     * @param rank    ordering rank: alpha 1, beta 2, milestone/pre/preview 3, rc 4, snapshot/dev/nightly 5
     * @param word    the word as written, lower case
     * @param numbers the numbers that follow it ({@code pre.3} → {@code [3]})
     */
    public record Qualifier(int rank, String word, List<Long> numbers) {
    }
}
