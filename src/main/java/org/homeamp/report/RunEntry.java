package org.homeamp.report;

/** One run on {@code reports/index.html}: its date folder and whether it has a workbook. */
public record RunEntry(String date, boolean workbook) {
}
