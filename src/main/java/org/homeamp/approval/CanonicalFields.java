package org.homeamp.approval;


/**
 * Encodes a list of text fields so that no two different lists give the same bytes: each field is
 * its UTF-8 length as four big-endian bytes followed by the bytes. Without the length prefix
 * ("ab","c") and ("a","bc") would sign alike, and a forger could move text between cells.
 * {@code null} is encoded as the empty string because a workbook cannot tell an empty cell from a
 * missing value; the reader sees {@code ""} where the plan had {@code null}.
 */
final class CanonicalFields {
    private CanonicalFields() {
    }

    static byte[] encode(String... fields) {
        return org.homeamp.drift.ChangeIds.canonical(fields);
    }
}
