package org.homeamp.report;

/**
 * One stored drift finding as the report reads it; secret values are fingerprints already.
 *
 * @param line   1-based line of an unparseable file's error, or {@code null}
 * @param column 1-based column of that error, or {@code null}
 */
public record FindingRow(
        String id,
        String server,
        String instance,
        String file,
        String key,
        String kind,
        String expected,
        String actual,
        String state,
        String firstSeen,
        Integer line,
        Integer column,
        String message) {

    public boolean resolved() {
        return "RESOLVED".equals(state);
    }
}
