package org.homeamp.amp;

import java.time.Instant;

/** One row of {@code FileManagerPlugin/GetDirectoryListing}. {@code modified} may be null. */
public record AmpFileEntry(String filename, boolean directory, long sizeBytes, Instant modified) {
}
