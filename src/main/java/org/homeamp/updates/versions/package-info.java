/**
 * Version ordering ({@code VersionOrder}, {@code ParsedVersion}): pure logic used by the update
 * check. It imports no other package of the project.
 */
package org.homeamp.updates.versions;
