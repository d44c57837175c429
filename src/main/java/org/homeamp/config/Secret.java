package org.homeamp.config;

import java.util.Arrays;

/**
 * A password or token read from a file or the environment. Its {@code toString} never shows the
 * value, so a secret that ends up in a log line or an exception message stays hidden.
 */
public final class Secret {
    private final char[] value;

    public Secret(String value) {
        this.value = value.toCharArray();
    }

    /** The clear value: only for the one place that sends it (a login body). */
    public String reveal() {
        return new String(value);
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    @Override
    public String toString() {
        return "****";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }
}
