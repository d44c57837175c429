package org.homeamp.formats;

/**
 * Which keys of an instance's file are checked: {@link #SUBSET} checks only the keys the expected
 * file has (the default), {@link #EXACT} also reports keys only the instance has.
 */
public enum CompareMode {
    SUBSET, EXACT
}
