package org.homeamp.report;

/**
 * One run on {@code reports/index.html}: its date folder, whether it has a workbook, and whether
 * work of that date is still missing (an open {@code run_gap}).
 */
public record RunEntry(String date, boolean workbook, boolean incomplete) {
}
