package org.homeamp.updates;

/**
 * A work item with its outcome, as the writer fans it out to the instances.
 *
 * @param item   the distinct jar
 * @param result what its source said
 * @param source the registry source key ({@code modrinth}, ...), or {@code null} without an entry
 */
record CheckedJar(UpdateWorkItem item, UpdateResult result, String source) {
}
