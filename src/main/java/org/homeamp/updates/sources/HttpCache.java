package org.homeamp.updates.sources;

import java.time.Instant;
import java.util.Optional;

/**
 * Persistent store of validators and bodies for conditional requests: a later request for the same URL
 * sends {@code If-None-Match} / {@code If-Modified-Since}, and a {@code 304} is served from here.
 * Keys are full URLs without credentials.
 */
public interface HttpCache {

    /** The stored response for {@code url}, if any. */
    Optional<Entry> get(String url);

    /** Stores (or replaces) the response for {@code url}. */
    void put(String url, Entry entry);

    /**
     * One stored response.
     *
     * @param etag         the {@code ETag} header as sent, or {@code null}
     * @param lastModified the {@code Last-Modified} header as sent, or {@code null}
     * @param body         the body bytes
     * @param fetchedAt    when the body was last fetched or confirmed by a 304
     */
    record Entry(String etag, String lastModified, byte[] body, Instant fetchedAt) {
    }
}
