package org.homeamp.testing;

/**
 * Wrong values for tests that differ from the right one by construction: a wrong checksum made by
 * overwriting its first two characters with "00" is right once in 256 runs.
 */
public final class WrongValues {
    private WrongValues() {
    }

    /** {@code value} with its first character replaced by another hex digit: never equal, same length and alphabet. */
    public static String flipped(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("nothing to flip");
        }
        char first = value.charAt(0);
        return (first == '0' ? '1' : '0') + value.substring(1);
    }
}
