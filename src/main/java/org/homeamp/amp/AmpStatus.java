package org.homeamp.amp;

/**
 * The live state of an instance's game server from the proxied {@code Core/GetStatus}.
 *
 * @param state  the application state
 * @param uptime AMP's uptime text ({@code hh:mm:ss}, {@code d:hh:mm:ss} or {@code d.hh:mm:ss}); may be null
 */
public record AmpStatus(AmpState state, String uptime) {
}
