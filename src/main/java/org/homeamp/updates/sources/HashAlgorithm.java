package org.homeamp.updates.sources;

/** Checksum algorithms sources publish, best first; {@link #UNVERIFIED} when a source publishes none. */
public enum HashAlgorithm {
    SHA512, SHA256, SHA1, UNVERIFIED
}
