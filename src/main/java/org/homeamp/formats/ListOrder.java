package org.homeamp.formats;

/**
 * How lists compare: {@link #ORDERED} (the default) compares them item by item in order as one
 * value; {@link #UNORDERED} compares them as multisets, for lists whose order the plugin ignores
 * (e.g. world name lists). Set per file in {@code rules.yml} with {@code lists: unordered}.
 */
public enum ListOrder {
    ORDERED, UNORDERED
}
