package org.homeamp.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.homeamp.batch.JobNames;
import org.homeamp.testing.DemoFixture;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user reads on the demo's pages: grouped updates, refusal reasons, unknown plugins, local times, one colour per side. */
class ReportPagesForNewUsersTest {
    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 20);

    @TempDir
    Path tmp;

    @Test
    void pagesGroupExplainAndShowLocalTimes() throws Exception {
        try (DemoFixture demo = DemoFixture.start(tmp.resolve("demo"), 6, 14)) {
            demo.jobs().run(JobNames.NIGHTLY, DAY1, List.of(), false);
            Path dir = demo.settings().stateDir().resolve("reports").resolve(DAY1.toString());
            String stateDir = demo.settings().stateDir().toAbsolutePath().toString();

            Document updates = html(dir.resolve("updates.html"));
            assertThat(Files.readString(dir.resolve("updates.html"))).doesNotContain(stateDir);
            assertThat(updates.select("code.path").eachText()).filteredOn(t -> t.startsWith("staging/")).isNotEmpty();
            assertThat(updates.select("tr.update")).anyMatch(r -> r.select("td.instances li").size() > 1);
            long rows = demo.count("SELECT COUNT(*) FROM update_result WHERE run_id = (SELECT MAX(run_id) FROM update_result)");
            assertThat((long) updates.select("tr.update").size()).isLessThan(rows);
            Element failed = updates.select("tr.update").stream().filter(r -> r.text().contains("FAILED")).findFirst().orElseThrow();
            assertThat(failed.selectFirst(".reason").text()).contains("refused");

            Document problems = html(dir.resolve("problems.html"));
            assertThat(problems.getElementById("unknown-plugins").parent().text()).contains("homeamp registry identify");
            assertThat(problems.select("tr.unknown-plugin")).singleElement().satisfies(r -> assertThat(r.text()).startsWith("TAB"));

            Document index = html(dir.resolve("index.html"));
            assertThat(index.select("p.muted").first().text()).contains("Europe/Berlin").doesNotContain("UTC");

            Document drift = html(dir.resolve("drift.html"));
            Element lobby = drift.select("section.instance").stream().filter(s -> s.selectFirst("h2").text().equals("hetzner / Lobby01"))
                    .findFirst().orElseThrow();
            assertThat(lobby.select("pre.diff span.expected").text()).contains("-view-distance: 8");
            assertThat(lobby.select("pre.diff span.actual").text()).contains("+view-distance: 6");
            assertThat(lobby.select("td.expected").text()).isEqualTo("8");
            assertThat(drift.select("pre.diff span.add, pre.diff span.del")).isEmpty();
        }
    }

    private static Document html(Path page) throws Exception {
        return Jsoup.parse(page.toFile(), "UTF-8");
    }
}
