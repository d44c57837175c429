/**
 * The plugin registry: which update source serves which plugin, on which channel, with which
 * holds ({@code RegistryLoader}, {@code Registry}, {@code RegistryEntry}). Beside the ports,
 * because the sources read it: it imports only {@code config}.
 */
package org.homeamp.updates.registry;
