package org.homeamp.demo.updatesim;

import java.util.List;

import org.homeamp.updates.registry.SourceType;

/**
 * A project on the simulated source, as a registry entry names it.
 *
 * @param plugin   the plugin's name
 * @param source   which wire format answers for it
 * @param project  the registry {@code project} (Modrinth id, GitHub owner/repo, Hangar owner/slug)
 * @param versions oldest first
 */
public record PublishedProject(String plugin, SourceType source, String project, List<PublishedVersion> versions) {
}
