package org.homeamp.report;

/** An update result with the workbook change id of its plugin-update row ({@code ""} when nothing is proposed). */
public record UpdateView(UpdateResultRow result, String changeId) {
}
