package org.homeamp.updates.registry;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * One registry file, {@code registry/plugins/<Name>.yml} (SPEC §8), validated.
 *
 * @param name           the plugin descriptor's name; matched ignoring case
 * @param source         where the plugin publishes
 * @param project        modrinth slug or id, hangar owner/slug, spigot resource id, github owner/repo,
 *                       jenkins job URL, or the direct URL; may be {@code null} for {@code manual}
 * @param asset          regex on file names, or {@code null} for the default choice
 * @param channel        the least stable channel accepted
 * @param platform       loader/platform filter where the source has one ({@code paper} by default)
 * @param versionPattern regex whose group 1 is the comparable part of a version string, or {@code null}
 * @param hold           whether and how updates are held back
 * @param notes          free text: where the plugin publishes, why the entry looks as it does
 * @param file           the registry file, for messages
 * @param line           the line of {@code name} in that file, for messages
 */
public record RegistryEntry(
        String name,
        SourceType source,
        String project,
        String asset,
        Channel channel,
        String platform,
        String versionPattern,
        Hold hold,
        String notes,
        Path file,
        int line) {

    /** Default platform: the network runs Paper. */
    public static final String DEFAULT_PLATFORM = "paper";

    /** The asset regex compiled, or {@code null}; validation has already checked that it compiles. */
    public Pattern assetPattern() {
        return asset == null ? null : Pattern.compile(asset);
    }

    /** {@code file:line} for messages. */
    public String where() {
        return (file == null ? name + ".yml" : file.toString()) + ":" + line;
    }

    /** An entry built in code (tests, draft entries from {@code registry identify}). */
    public static RegistryEntry of(String name, SourceType source, String project) {
        return new RegistryEntry(name, source, project, null, Channel.RELEASE, DEFAULT_PLATFORM, null, Hold.NONE, "", null, 0);
    }

    /** A copy with another asset regex. */
    public RegistryEntry withAsset(String regex) {
        return new RegistryEntry(name, source, project, regex, channel, platform, versionPattern, hold, notes, file, line);
    }

    /** A copy with another channel. */
    public RegistryEntry withChannel(Channel accepted) {
        return new RegistryEntry(name, source, project, asset, accepted, platform, versionPattern, hold, notes, file, line);
    }

    /** A copy with another hold. */
    public RegistryEntry withHold(Hold newHold) {
        return new RegistryEntry(name, source, project, asset, channel, platform, versionPattern, newHold, notes, file, line);
    }

    /** A copy with another version pattern. */
    public RegistryEntry withVersionPattern(String pattern) {
        return new RegistryEntry(name, source, project, asset, channel, platform, pattern, hold, notes, file, line);
    }
}
