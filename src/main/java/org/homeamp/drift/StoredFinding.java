package org.homeamp.drift;

import java.time.LocalDate;

/**
 * One drift finding as stored for a run (table {@code drift_finding}), with its lifecycle: the one
 * record that drift.json, the report pages, the mail and the workbook read. Secret values are
 * fingerprints already (see {@link SecretMasker}).
 *
 * @param id        the finding's stable id ({@link Finding#stableId()})
 * @param key       dotted key path; {@code ""} (or {@code null} in old rows) for the whole file
 * @param firstSeen the date the finding was first seen, carried over while it stays open
 * @param line      1-based line of an unparseable file's error, or {@code null}
 * @param column    1-based column of that error, or {@code null}
 */
public record StoredFinding(
        String id,
        String server,
        String instance,
        String file,
        String key,
        FindingKind kind,
        String expected,
        String actual,
        FindingState state,
        LocalDate firstSeen,
        Integer line,
        Integer column,
        String message) {

    public boolean resolved() {
        return state == FindingState.RESOLVED;
    }

    /** True when the finding was first seen in this run. */
    public boolean isNew() {
        return state == FindingState.NEW;
    }

    /** The key path, {@code ""} for the whole file. */
    public String keyShown() {
        return key == null ? "" : key;
    }
}
