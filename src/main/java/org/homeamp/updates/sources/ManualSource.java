package org.homeamp.updates.sources;

import java.util.List;

import org.homeamp.updates.registry.RegistryEntry;
import org.homeamp.updates.registry.SourceType;

/**
 * {@code source: manual}: never checked. Answers no candidates; {@code UpdateDecider} reports such
 * entries as {@code UNKNOWN_SOURCE} with the entry's notes, without asking any source.
 */
public final class ManualSource implements UpdateSource {
    @Override
    public SourceType type() {
        return SourceType.MANUAL;
    }

    @Override
    public List<Candidate> candidates(RegistryEntry entry, InstalledJar installed) {
        return List.of();
    }
}
