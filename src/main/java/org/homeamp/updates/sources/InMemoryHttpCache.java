package org.homeamp.updates.sources;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link HttpCache} that lives as long as the process: for tests and one-off commands. */
public final class InMemoryHttpCache implements HttpCache {
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<Entry> get(String url) {
        return Optional.ofNullable(entries.get(url));
    }

    @Override
    public void put(String url, Entry entry) {
        entries.put(url, entry);
    }

    /** Number of stored URLs. */
    public int size() {
        return entries.size();
    }
}
