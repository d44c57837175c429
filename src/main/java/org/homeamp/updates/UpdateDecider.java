package org.homeamp.updates;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.homeamp.updates.registry.RegistryEntry;
import org.homeamp.updates.registry.SourceType;
import org.homeamp.updates.sources.Candidate;
import org.homeamp.updates.sources.InstalledJar;
import org.homeamp.updates.sources.SourceException;
import org.homeamp.updates.sources.UpdateSource;
import org.homeamp.updates.sources.UpdateSources;
import org.homeamp.updates.versions.ParsedVersion;
import org.homeamp.updates.versions.VersionOrder;

/**
 * Decides, per installed jar, what its source's candidates mean (SPEC §8).
 *
 * <ol>
 *   <li>No registry entry or {@code source: manual} → {@code UNKNOWN_SOURCE}.</li>
 *   <li>A candidate whose published hash equals the installed jar's hash <em>is</em> the installed
 *       version, whatever the version strings say (any channel).</li>
 *   <li>Candidates are filtered by channel ({@code release} accepts releases, {@code beta} adds betas,
 *       {@code alpha} everything) and by a hold prefix.</li>
 *   <li>The newest is chosen by build number for Jenkins, else by {@link VersionOrder} with the entry's
 *       version-pattern, and by publication date only when no candidate's version is comparable.</li>
 *   <li>Installed older → {@code UPDATE_AVAILABLE}, same → {@code UP_TO_DATE}, newer → {@code AHEAD};
 *       {@code hold: true} turns any successful check into {@code HELD}, still naming the newest.</li>
 * </ol>
 * When the installed version cannot be compared with the newest (a bare git hash, a pattern that does
 * not match) the result is {@code CHECK_FAILED} with the reason, not a guess: proposing a jar on a guess
 * could downgrade a plugin, and calling it up to date could hide an update forever. The fix is a
 * {@code version-pattern} in the registry entry, which the reason says.
 */
public final class UpdateDecider {

    /** Asks the entry's source and decides; source failures become {@code CHECK_FAILED} with their reason. */
    public UpdateResult check(InstalledJar jar, RegistryEntry entry, UpdateSources sources) {
        if (entry == null || entry.source() == SourceType.MANUAL) {
            return decide(jar, entry, List.of());
        }
        Optional<UpdateSource> source = sources.forType(entry.source());
        if (source.isEmpty()) {
            return UpdateResult.of(UpdateState.CHECK_FAILED, jar.version(), null,
                    "no update source is configured for '" + entry.source().key() + "'");
        }
        try {
            return decide(jar, entry, source.get().candidates(entry, jar));
        } catch (SourceException e) {
            return failed(jar, e);
        }
    }

    /** The result for a check the source could not answer. */
    public UpdateResult failed(InstalledJar jar, SourceException failure) {
        return UpdateResult.of(UpdateState.CHECK_FAILED, jar.version(), null,
                failure.reason() + ": " + failure.getMessage());
    }

    /**
     * Decides from candidates already fetched.
     *
     * @param entry the registry entry, or {@code null} when the plugin has none
     */
    public UpdateResult decide(InstalledJar jar, RegistryEntry entry, List<Candidate> candidates) {
        if (entry == null) {
            return UpdateResult.of(UpdateState.UNKNOWN_SOURCE, jar.version(), null, "no registry entry for '"
                    + jar.pluginName() + "': add registry/plugins/" + jar.pluginName() + ".yml (see registry/README.md)");
        }
        if (entry.source() == SourceType.MANUAL) {
            return UpdateResult.of(UpdateState.UNKNOWN_SOURCE, jar.version(), null, "source: manual, check by hand"
                    + (entry.notes() == null || entry.notes().isBlank() ? "" : ": " + entry.notes()));
        }
        if (candidates.isEmpty()) {
            return UpdateResult.of(UpdateState.CHECK_FAILED, jar.version(), null, "the " + entry.source().key()
                    + " project " + entry.project() + " lists no file for platform " + entry.platform()
                    + (entry.asset() == null ? "" : " matching asset '" + entry.asset() + "'")
                    + ": check the registry entry's project, platform and asset");
        }
        Candidate installed = candidates.stream().filter(c -> c.isFileOf(jar)).findFirst().orElse(null);
        String from = installed != null ? installed.version() : jar.version();

        List<Candidate> onChannel = candidates.stream().filter(c -> entry.channel().accepts(c.channel())).toList();
        if (onChannel.isEmpty()) {
            Candidate newestAny = newest(candidates, entry);
            return UpdateResult.of(UpdateState.CHECK_FAILED, from, null, "nothing is published on the "
                    + entry.channel().key() + " channel (newest is " + newestAny.version() + " on "
                    + newestAny.channel().key() + "): set channel: " + newestAny.channel().key()
                    + " in " + entry.where() + " if that is acceptable");
        }
        List<Candidate> accepted = onChannel.stream().filter(c -> entry.hold().admits(c.version())).toList();
        Candidate newestOnChannel = newest(onChannel, entry);
        if (accepted.isEmpty()) {
            return UpdateResult.of(UpdateState.HELD, from, newestOnChannel, "held to " + entry.hold().prefix()
                    + " by the registry, and nothing within it is published; newest is " + newestOnChannel.version());
        }
        Candidate newest = newest(accepted, entry);

        Optional<Integer> order = installed != null ? compare(installed, newest, entry) : compare(jar, newest, entry);
        if (order.isEmpty()) {
            return UpdateResult.of(UpdateState.CHECK_FAILED, from, newest, "cannot compare the installed version '"
                    + jar.version() + "' with the published '" + newest.version() + "': add a version-pattern to "
                    + entry.where() + " that reads the comparable part of both");
        }
        String outsideHold = newestOnChannel != newest && entry.hold().prefix() != null
                ? "; " + newestOnChannel.version() + " is out but outside the held " + entry.hold().prefix() : "";
        UpdateState state = order.get() < 0 ? UpdateState.UPDATE_AVAILABLE
                : order.get() > 0 ? UpdateState.AHEAD : UpdateState.UP_TO_DATE;
        if (entry.hold().all()) {
            return UpdateResult.of(UpdateState.HELD, from, newest, "held by the registry (hold: true); "
                    + (state == UpdateState.UPDATE_AVAILABLE ? newest.version() + " is available"
                            : "installed is " + state.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        }
        return UpdateResult.of(state, from, newest, join(reason(state, jar, entry, installed, newest, from), outsideHold));
    }

    /** The note for a decided state, or {@code null}. */
    private static String reason(UpdateState state, InstalledJar jar, RegistryEntry entry, Candidate installed, Candidate newest, String from) {
        String reason = switch (state) {
            case AHEAD -> "installed " + from + " is newer than the newest accepted " + newest.version()
                    + " (" + entry.channel().key() + " channel)";
            case UPDATE_AVAILABLE -> newest.unverifiedNote();
            default -> null;
        };
        if (installed != null && state == UpdateState.UP_TO_DATE && !installed.version().equals(jar.version())) {
            reason = "identified by hash as the published " + installed.version() + " (jar says " + jar.version() + ")";
        }
        if (newest.buildNumber() >= 0) {
            // a CI build: the version says what it is, the build number which one (D-U11)
            reason = reason == null ? "build " + newest.buildNumber() : "build " + newest.buildNumber() + "; " + reason;
        }
        return reason;
    }

    private static String join(String reason, String extra) {
        if (extra.isEmpty()) {
            return reason;
        }
        return reason == null ? extra.substring(2) : reason + extra;
    }

    /** The newest candidate: build number for CI builds, else version order, else publication date. */
    static Candidate newest(List<Candidate> candidates, RegistryEntry entry) {
        if (candidates.stream().allMatch(c -> c.buildNumber() >= 0)) {
            return candidates.stream().max(Comparator.comparingLong(Candidate::buildNumber)).orElseThrow();
        }
        boolean anyComparable = candidates.stream().anyMatch(c -> VersionOrder.isComparable(c.version(), entry.versionPattern()));
        if (!anyComparable) {
            return candidates.stream().max(Comparator.comparing(Candidate::published,
                    Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))).orElseThrow();
        }
        VersionOrder order = new VersionOrder(entry.versionPattern());
        // Equal versions (Modrinth lists some twice) go to the later publication.
        return candidates.stream().max(Comparator.comparing(Candidate::version, order)
                .thenComparing(Candidate::published, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))).orElseThrow();
    }

    private static Optional<Integer> compare(Candidate installed, Candidate newest, RegistryEntry entry) {
        if (installed == newest) {
            return Optional.of(0);
        }
        if (installed.buildNumber() >= 0 && newest.buildNumber() >= 0) {
            return Optional.of(Long.compare(installed.buildNumber(), newest.buildNumber()));
        }
        Optional<Integer> byVersion = VersionOrder.compare(installed.version(), newest.version(), entry.versionPattern());
        if (byVersion.isPresent() || installed.published() == null || newest.published() == null) {
            return byVersion;
        }
        // Both are the same source's publications, so their dates are a fair last resort.
        return Optional.of(installed.published().compareTo(newest.published()));
    }

    private static Optional<Integer> compare(InstalledJar jar, Candidate newest, RegistryEntry entry) {
        if (newest.buildNumber() >= 0) {
            Optional<ParsedVersion> parsed = VersionOrder.parse(jar.version(), null);
            if (parsed.isPresent() && parsed.get().buildNumber() >= 0) {
                return Optional.of(Long.compare(parsed.get().buildNumber(), newest.buildNumber()));
            }
        }
        return VersionOrder.compare(jar.version(), newest.version(), entry.versionPattern());
    }
}
