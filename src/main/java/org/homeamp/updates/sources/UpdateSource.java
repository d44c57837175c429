package org.homeamp.updates.sources;

import java.util.List;

import org.homeamp.updates.registry.RegistryEntry;
import org.homeamp.updates.registry.SourceType;

/**
 * One place plugins publish (Modrinth, Hangar, Spiget, GitHub, Jenkins, a direct URL). Implementations
 * only fetch and translate; choosing among candidates is {@code UpdateDecider}'s job.
 */
public interface UpdateSource {

    /** The registry {@code source} this implementation serves. */
    SourceType type();

    /**
     * The versions the source publishes for {@code entry} that could be installed on the entry's
     * platform, each with its file (chosen by the entry's {@code asset} regex, never a sources, javadoc
     * or api jar), newest first where the source says so. Channels are not filtered here.
     *
     * @param installed the installed jar, used by sources that can look up a file by its hash
     * @throws SourceException with the reason when the source cannot answer
     */
    List<Candidate> candidates(RegistryEntry entry, InstalledJar installed) throws SourceException;
}
