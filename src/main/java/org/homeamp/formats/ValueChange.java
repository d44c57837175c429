package org.homeamp.formats;

import java.util.Objects;

import org.homeamp.formats.KeyPath;

/**
 * One approved change to one key of a configuration file. The value is typed like the trees
 * {@link org.homeamp.formats.ConfigParser} builds: {@link String}, {@link Boolean}, {@link Long} or
 * {@link java.math.BigInteger}, {@link Double} or {@link java.math.BigDecimal}, {@code null},
 * {@code List<Object>} and {@code Map<String,Object>} of those. A {@code .properties} key is a
 * {@link KeyPath#ofPropertiesKey(String)} path.
 */
public record ValueChange(KeyPath key, Object value) {
    public ValueChange {
        Objects.requireNonNull(key, "key");
    }
}
