package org.homeamp.batch;

import java.util.List;
import java.util.Map;

/** Pieces of the one-line step summaries the finishers log. */
public final class StepSummary {
    private StepSummary() {
    }

    /**
     * Counts by label from a grouped query, e.g. {@code 5 NEW, 2 OPEN}; {@code none} when there are no rows.
     *
     * @param countColumn the column with the count (upper case, as JDBC names it)
     * @param labelColumn the column with the label
     */
    public static String counts(List<Map<String, Object>> rows, String countColumn, String labelColumn, String none) {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> r : rows) {
            out.append(out.isEmpty() ? "" : ", ").append(r.get(countColumn)).append(' ').append(r.get(labelColumn));
        }
        return out.isEmpty() ? none : out.toString();
    }
}
