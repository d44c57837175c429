package org.homeamp.deploy;

import java.util.List;

/**
 * What deploying one instance would do, worked out from the live files without writing anything:
 * a verdict per row and the files to write. Used by the deploy itself and by {@code --dry-run}.
 *
 * @param verdicts one per pending row of the instance
 * @param files    the files to write, each with its bytes before (null: absent) and after (null: removed)
 */
record PreparedInstance(List<Verdict> verdicts, List<PreparedFile> files) {

    /** A row that cannot be applied ({@code result} REFUSED or FAILED, with the reason) or that can (PENDING). */
    record Verdict(DeployRow row, RowResult result, String reason) {
        boolean applicable() {
            return result == RowResult.PENDING;
        }
    }

    /**
     * One file to write.
     *
     * @param positions the rows this file carries
     * @param secretValues clear values of secret rows in this file, to mask them in diffs (never stored)
     */
    record PreparedFile(String path, FileAction action, byte[] before, byte[] after, List<Integer> positions, List<String> secretValues) {
    }

    boolean changesSomething() {
        return !files.isEmpty();
    }
}
