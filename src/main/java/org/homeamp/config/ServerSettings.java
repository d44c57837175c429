package org.homeamp.config;

import java.net.URI;
import java.nio.file.Path;

/**
 * One AMP host of the network, as configured under {@code homeamp.servers}.
 *
 * @param name          unique server name (e.g. {@code hetzner})
 * @param ampUrl        the AMP controller/target URL, without a trailing {@code /API}
 * @param username      AMP user the tool logs in as
 * @param password      the password, already read from {@code password-file} or {@code password-env}
 * @param passwordSource where the password came from, for messages ({@code password-file /etc/..}); never the value
 * @param files         how instance files are reached
 * @param instancesDir  for {@code files: local}: AMP's instances folder; {@code null} otherwise
 * @param target        optional AMP target (host) FriendlyName to take instances from when the controller lists several
 */
public record ServerSettings(
        String name,
        URI ampUrl,
        String username,
        Secret password,
        String passwordSource,
        FilesMode files,
        Path instancesDir,
        String target) {
}
