package org.homeamp.approval;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.homeamp.drift.SecretMasker;
import org.homeamp.drift.ChangeIds;
import org.homeamp.drift.StoredFinding;

/**
 * Turns a run's findings and update results into the approvals {@link Plan}: one change per fixable
 * finding (CHANGED, MISSING_KEY and TYPE_MISMATCH become {@code config}, MISSING_FILE {@code new-file})
 * and one per update whose jar is staged. Unparseable files, extra keys and unresolved variables need
 * a human, not a row to approve, so they are shown in the report only.
 *
 * <p>{@link #changeId} is the single place the id of a finding's change is computed, so drift.html
 * and the workbook always show the same id.
 */
public final class PlanBuilder {
    private PlanBuilder() {
    }

    /**
     * The plan of a run.
     *
     * @param stagingNotes why a download was refused, by file URL (shown on the Updates sheet); may be empty
     */
    public static Plan build(String planId, Instant created, int expireDays, List<StoredFinding> findings, List<UpdateResultRow> updates,
            Map<String, String> stagingNotes) {
        List<ProposedChange> changes = new ArrayList<>();
        for (StoredFinding f : findings) {
            changeFor(f).ifPresent(changes::add);
        }
        List<UpdateRow> updateRows = new ArrayList<>();
        for (UpdateResultRow u : updates) {
            String note = u.staged() == null ? null : u.staged() + ("FAILED".equals(u.staged()) && u.fileUrl() != null
                    && stagingNotes.containsKey(u.fileUrl()) ? ": " + stagingNotes.get(u.fileUrl()) : "");
            updateRows.add(new UpdateRow(u.server(), u.instance(), u.plugin(), u.installed(), u.latest(), u.state(), u.channel(), u.source(),
                    u.checksumShown(), "STAGED".equals(u.staged()), note));
            changeFor(u).ifPresent(changes::add);
        }
        return new Plan(planId, created, created.plus(Duration.ofDays(expireDays)), changes, findings, updateRows);
    }

    /** As {@link #build(String, Instant, int, List, List, Map)} without staging notes. */
    public static Plan build(String planId, Instant created, int expireDays, List<StoredFinding> findings, List<UpdateResultRow> updates) {
        return build(planId, created, expireDays, findings, updates, Map.of());
    }

    /** The change id a finding's row carries in the workbook, or empty when the finding is not fixable here. */
    public static Optional<String> changeId(StoredFinding f) {
        return ChangeIds.forFinding(f);
    }

    /** The change id of an update row, or empty when nothing is staged to propose. */
    public static Optional<String> changeId(UpdateResultRow u) {
        return u.proposable()
                ? Optional.of(ProposedChange.stableId(u.server(), u.instance(), ChangeType.PLUGIN_UPDATE, u.plugin(), jarPath(u), null))
                : Optional.empty();
    }

    private static Optional<ProposedChange> changeFor(StoredFinding f) {
        Optional<ChangeType> type = type(f);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        ChangeType t = type.get();
        boolean secret = SecretMasker.isFingerprint(f.expected()) || SecretMasker.isFingerprint(f.actual());
        String details = switch (f.kind()) {
            case MISSING_KEY -> "setting missing on the instance; the baseline value is added";
            case TYPE_MISMATCH -> "value has another type than the baseline's";
            case MISSING_FILE -> "file missing on the instance; it is created from the baseline";
            default -> "value differs from the baseline";
        } + (f.message() == null ? "" : " (" + f.message() + ")");
        String proposed = t == ChangeType.NEW_FILE ? "(file from the baseline)" : f.expected();
        return Optional.of(new ProposedChange(changeId(f).orElseThrow(), f.server(), f.instance(), t, plugin(f.file()), f.file(), setting(f, t),
                f.actual(), proposed, details, secret, null));
    }

    private static Optional<ProposedChange> changeFor(UpdateResultRow u) {
        return changeId(u).map(id -> {
            String checksumState = "STAGED".equals(u.staged())
                    ? (u.checksumAlgorithm() == null ? "checksum" : u.checksumAlgorithm()) + " verified"
                    : "UNVERIFIED";
            StringBuilder details = new StringBuilder();
            details.append(u.source() == null ? "" : u.source()).append(u.channel() == null ? "" : " " + u.channel());
            if (u.published() != null) {
                details.append(", published ").append(u.published());
            }
            if (u.changelogUrl() != null) {
                details.append(", changelog ").append(u.changelogUrl());
            }
            return new ProposedChange(id, u.server(), u.instance(), ChangeType.PLUGIN_UPDATE, u.plugin(), jarPath(u), null, u.installed(),
                    u.latest(), details.toString().strip(), false, checksumState);
        });
    }

    private static Optional<ChangeType> type(StoredFinding f) {
        if (f.resolved()) {
            return Optional.empty();
        }
        return switch (f.kind()) {
            case CHANGED, MISSING_KEY, TYPE_MISMATCH -> Optional.of(ChangeType.CONFIG);
            case MISSING_FILE -> Optional.of(ChangeType.NEW_FILE);
            case EXTRA_KEY, UNPARSEABLE, UNRESOLVED_VARIABLE -> Optional.empty();
        };
    }

    private static String setting(StoredFinding f, ChangeType t) {
        return t == ChangeType.CONFIG ? f.key() : null;
    }

    private static String jarPath(UpdateResultRow u) {
        return "plugins/" + u.fileName();
    }

    /** {@code plugins/Essentials/config.yml} belongs to Essentials; server files to no plugin. */
    public static String plugin(String file) {
        return ChangeIds.plugin(file);
    }
}
