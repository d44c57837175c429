package org.homeamp.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.homeamp.report.ServerRouting;
import org.homeamp.report.ReportSummary;
import org.homeamp.report.ReportTemplates;
import org.homeamp.approval.UpdateResultRow;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The shipped mail templates render every status, and the HTML body's tables stay within a mail window. */
class MailTemplatesTest {
    private final ReportTemplates templates = new ReportTemplates(List.<java.nio.file.Path>of());

    @Test
    void tablesHaveAMaximumWidthAndLongCellsWrap() {
        Map<String, Object> model = model("COMPLETE");
        model.put("problems", List.of(new org.homeamp.report.ProblemRow("download", null, null,
                "https://example.org/" + "a".repeat(300) + ".jar", "DOWNLOAD_REFUSED", "x".repeat(500))));

        Document html = Jsoup.parse(templates.render("mail.ftlh", model));

        String style = html.getElementById("problems").attr("style");
        assertThat(style).contains("max-width:900px").contains("table-layout:fixed");
        assertThat(html.select("#problems td").first().attr("style")).contains("overflow-wrap:anywhere");
        assertThat(html.getElementById("updates").text()).contains("LuckPerms").contains("5.4.1 → 5.4.2").contains("hetzner/Lobby01, ovh/Survival01");
    }

    @Test
    void everyStatusRenders() {
        for (String status : List.of("COMPLETE", "INCOMPLETE", "COMPLETED_AFTER_RESTART")) {
            Map<String, Object> model = model(status);
            assertThat(templates.render("mail.ftlh", model)).contains("homeamp report for 2026-11-20");
            assertThat(templates.render("mail-text.ftl", model)).contains("homeamp report for 2026-11-20").contains("LuckPerms  5.4.1 -> 5.4.2");
        }
    }

    @Test
    void theTextPartSaysWhereEachServerWasReadWhenTheRunWasSpreadOverHosts() {
        Map<String, Object> model = model("COMPLETE");
        model.put("routing", List.of(
                new ServerRouting.StepRouting("discovery scan", List.of(new ServerRouting.Line("hetzner", "no live worker, files read here (files: local)"),
                        new ServerRouting.Line("ovh", "served by worker ovh-1 (pid 812, 1.4.0), 23 partition(s)"))),
                new ServerRouting.StepRouting("drift scan", List.of(new ServerRouting.Line("ovh", "fell back to amp-api: no live worker")))));

        String text = templates.render("mail-text.ftl", model);

        assertThat(text).contains("Where the servers were read:\n"
                + "  - discovery scan, hetzner: no live worker, files read here (files: local)\n"
                + "  - discovery scan, ovh: served by worker ovh-1 (pid 812, 1.4.0), 23 partition(s)\n"
                + "  - drift scan, ovh: fell back to amp-api: no live worker\n");
        model.put("routing", List.of());
        assertThat(templates.render("mail-text.ftl", model)).as("a one-host run (H2) has no such section").doesNotContain("Where the servers");
    }

    private static Map<String, Object> model(String status) {
        Map<String, Object> model = new HashMap<>();
        LocalDate day = LocalDate.of(2026, 11, 20);
        model.put("summary", new ReportSummary(day, 7, 6, 60, 1, 2, 0, 1, 1));
        model.put("date", day.toString());
        model.put("status", status);
        model.put("generated", "2026-11-20 05:12 Europe/Berlin");
        for (String k : List.of("reportUrl", "driftUrl", "updatesUrl", "problemsUrl", "workbook")) {
            model.put(k, "");
        }
        model.put("reportFolder", "/var/lib/homeamp/reports/2026-11-20");
        model.put("gaps", List.of(new MailModel.Gap("ovh", "update-check", "connection refused", "2026-11-20 04:00 Europe/Berlin", "")));
        model.put("drift", List.of());
        model.put("updates", MailModel.pending(List.of(update("hetzner", "Lobby01"), update("ovh", "Survival01"))));
        model.put("problems", List.of());
        for (String k : List.of("moreDrift", "moreUpdates", "moreProblems")) {
            model.put(k, 0);
        }
        return model;
    }

    private static UpdateResultRow update(String server, String instance) {
        return new UpdateResultRow(server, instance, "LuckPerms", "LuckPerms-5.4.1.jar", "5.4.1", "5.4.2", "UPDATE_AVAILABLE", "release",
                "modrinth", null, null, null, null, null, null, null, "STAGED", null);
    }
}
