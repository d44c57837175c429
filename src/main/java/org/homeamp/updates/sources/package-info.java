/**
 * The update-source port {@code UpdateSource} and its implementations (Modrinth, GitHub,
 * Hangar, Spiget, Jenkins, URL, manual) over {@code SourceHttp} (host limits, Retry-After,
 * conditional requests through {@code HttpCache}). A port: it imports only
 * {@code updates.registry} and {@code config}.
 */
package org.homeamp.updates.sources;
