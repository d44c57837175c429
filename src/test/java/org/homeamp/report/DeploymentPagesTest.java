package org.homeamp.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.RunOutcome;
import org.homeamp.deploy.DeployService;
import org.homeamp.deploy.RollbackService;
import org.homeamp.testing.Approvals;
import org.homeamp.testing.DemoFixture;
import org.homeamp.testing.NightlyTemplate;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

/**
 * The deployment pages of the report (SPEC §10 "Record"): {@code reports/deployments.html} and
 * {@code reports/deployments/<ID>.html}, written when a deploy or rollback ends and by every report
 * run, linked from every index, and the summary page's deployments since the previous run.
 */
class DeploymentPagesTest {
    private static final LocalDate DAY2 = NightlyTemplate.DAY.plusDays(1);
    private static final LocalDate DAY3 = NightlyTemplate.DAY.plusDays(2);
    /** Secret values the demo configs hold (see src/main/resources/demo/ and ReportJobTest). */
    private static final List<String> SECRETS = List.of("demo-rcon-5f2b91", "MTA5ODc2NTQzMjEwMDAwMDAw.GdEm0x.demo-bot-token-not-real-0000000000",
            "Cp-demo-3e9a51d0", "Lp-demo-7c41f0e2b9");

    @TempDir
    Path tmp;

    @Test
    void aDeploymentsPageShowsAppliedRolledBackAndRefusedRowsAndTheRollbackPointsAtWhatItUndid() throws Exception {
        try (DemoFixture demo = NightlyTemplate.copyInto(tmp.resolve("demo"))) {
            // given: a deployment that applies on Lobby01 and Creative01 (a secret among its rows), is rolled back on
            // Survival01 by a failed health check, and refuses a stale and a tampered row
            Path approved = Approvals.approve(NightlyTemplate.workbook(demo), tmp.resolve("approved.xlsx"), "alice",
                    r -> List.of("view-distance", "teleport-cooldown", "auto-afk", "rcon.password", "use-server-uuid-cache")
                            .contains(r.get("Setting")));
            Path tampered = Approvals.setCell(approved, tmp.resolve("tampered.xlsx"), "Proposed", "999",
                    r -> r.get("Setting").equals("use-server-uuid-cache"));
            Path essentials = instanceFile(demo, "hetzner", "Survival01", "plugins/Essentials/config.yml");
            Files.writeString(essentials, Files.readString(essentials).replaceFirst("auto-afk: \\d+", "auto-afk: 4242"));
            demo.hosts.simulator("hetzner").control().failPluginOnNextStart("Survival01", "Essentials");

            // when: it is deployed (no report runs afterwards)
            String deployed = deploy(demo, tampered);

            // then: its pages are there at once
            String id = idOf(deployed, "deployment ");
            Path root = reports(demo);
            Document page = html(root.resolve("deployments").resolve(id + ".html"));
            assertThat(page.selectFirst("h1").text()).isEqualTo("Deployment " + id);
            assertThat(page.getElementById("result").text()).isEqualTo("rolled back");
            Element lobby = instanceRow(page, "hetzner/Lobby01");
            assertThat(lobby.selectFirst("td.result").text()).isEqualTo("applied, healthy");
            assertThat(lobby.selectFirst("td.restarts").text()).isEqualTo("1");
            Element survival = instanceRow(page, "hetzner/Survival01");
            assertThat(survival.selectFirst("td.result").text()).isEqualTo("rolled back after a failed health check");
            assertThat(survival.selectFirst("td.reason-text").text()).contains("Error occurred while enabling Essentials");
            assertThat(survival.selectFirst("td.restarts").text()).isEqualTo("2");
            assertThat(instanceRow(page, "ovh/Creative01").selectFirst("td.result").text()).isEqualTo("applied, healthy");

            Element viewDistance = row(page, "view-distance");
            assertThat(viewDistance.select("td").get(1).text()).isEqualTo("hetzner/Lobby01");
            assertThat(viewDistance.select("td").get(2).text()).isEqualTo("server.properties");
            assertThat(viewDistance.select("td").get(4).text()).isEqualTo("alice");
            assertThat(viewDistance.selectFirst("td.result").text()).isEqualTo("applied");
            assertThat(viewDistance.selectFirst("td.sha").text()).matches("[0-9a-f]{12} → [0-9a-f]{12}");
            String shaAfter = demo.jdbc().queryForObject("SELECT sha256_after FROM deployment_row WHERE deployment_id = ? AND setting = 'view-distance'",
                    String.class, id);
            assertThat(viewDistance.select("td.sha span").get(1).attr("title")).isEqualTo(shaAfter);
            assertThat(row(page, "teleport-cooldown").selectFirst("td.result").text()).isEqualTo("rolled back");
            Element stale = row(page, "auto-afk");
            assertThat(stale.selectFirst("td.result").text()).isEqualTo("refused");
            assertThat(stale.selectFirst("td.reason-text").text()).startsWith("stale: the live value of auto-afk").contains("'4242'");
            Element forged = row(page, "use-server-uuid-cache");
            assertThat(forged.selectFirst("td.result").text()).isEqualTo("refused");
            assertThat(forged.selectFirst("td.reason-text").text()).containsPattern("signature|Proposed");
            assertThat(row(page, "rcon.password").selectFirst("td.result").text()).isEqualTo("applied");

            Document list = html(root.resolve("deployments.html"));
            Element listed = list.getElementById(id);
            assertThat(listed.selectFirst("td.counts").text()).isEqualTo("2 / 2 / 0 / 1");
            assertThat(listed.select("td.instances li").eachText()).containsExactly("hetzner/Lobby01", "hetzner/Survival01", "ovh/Creative01");
            assertThat(listed.text()).contains(System.getProperty("user.name")).contains("Europe/Berlin");

            // when: a dry run of its rollback, then the rollback
            FileTime listWritten = Files.getLastModifiedTime(root.resolve("deployments.html"));
            StringWriter dryOut = new StringWriter();
            assertThat(demo.context.getBean(RollbackService.class).rollback(id, true, false, new PrintWriter(dryOut, true)))
                    .as(dryOut.toString()).isEqualTo(DeployService.OK);
            assertThat(Files.getLastModifiedTime(root.resolve("deployments.html"))).isEqualTo(listWritten);
            StringWriter out = new StringWriter();
            int exit = demo.context.getBean(RollbackService.class).rollback(id, false, false, new PrintWriter(out, true));
            assertThat(exit).as(out.toString()).isEqualTo(DeployService.OK);
            String rollbackId = idOf(out.toString(), "rollback ");

            // then: the rollback names what it undid, and the deployment by whom it was rolled back
            list = html(root.resolve("deployments.html"));
            assertThat(list.select("tr.deployment").eachAttr("id")).containsExactly(rollbackId, id);
            assertThat(list.getElementById(rollbackId).selectFirst("a.undoes").attr("href")).isEqualTo("deployments/" + id + ".html");
            assertThat(list.getElementById(id).selectFirst(".rolled-back-by a").attr("href")).isEqualTo("deployments/" + rollbackId + ".html");
            Document rollback = html(root.resolve("deployments").resolve(rollbackId + ".html"));
            assertThat(rollback.selectFirst("h1").text()).isEqualTo("Rollback " + rollbackId);
            assertThat(rollback.getElementById("undoes").selectFirst("a").attr("href")).isEqualTo(id + ".html");
            assertThat(instanceRow(rollback, "hetzner/Lobby01").selectFirst("td.result").text()).isEqualTo("restored, healthy");
            assertThat(row(rollback, "view-distance").selectFirst("td.result").text()).isEqualTo("restored");
            assertThat(html(root.resolve("deployments").resolve(id + ".html")).getElementById("rolled-back-by").text()).isEqualTo(rollbackId);
            for (Path p : pages(demo)) {
                String text = Files.readString(p);
                for (String secret : SECRETS) {
                    assertThat(text).as(p.toString()).doesNotContain(secret);
                }
            }
        }
    }

    @Test
    void theSummaryListsTheDeploymentsSinceThePreviousRunAndEveryIndexLinksToPagesThatExist() throws Exception {
        try (DemoFixture demo = NightlyTemplate.copyInto(tmp.resolve("demo"))) {
            // given: a deployment after the template's nightly, then a report; then its rollback, then the next report
            Path approved = Approvals.approve(NightlyTemplate.workbook(demo), tmp.resolve("approved.xlsx"), "bob",
                    r -> r.get("Setting").equals("view-distance"));
            String id = idOf(deploy(demo, approved), "deployment ");
            report(demo, DAY2);
            StringWriter out = new StringWriter();
            assertThat(demo.context.getBean(RollbackService.class).rollback(id, false, false, new PrintWriter(out, true)))
                    .as(out.toString()).isEqualTo(DeployService.OK);
            String rollbackId = idOf(out.toString(), "rollback ");

            // when
            report(demo, DAY3);

            // then: each summary lists what finished after the run before it, and only that
            Path root = reports(demo);
            Document day2 = html(root.resolve(DAY2.toString()).resolve("index.html"));
            assertThat(day2.select("table.deployments-since tr.deployment td.id").eachText()).containsExactly(id);
            Document day3 = html(root.resolve(DAY3.toString()).resolve("index.html"));
            assertThat(day3.select("table.deployments-since tr.deployment td.id").eachText()).containsExactly(rollbackId);
            assertThat(day3.selectFirst("table.deployments-since a").attr("href")).isEqualTo("../deployments/" + rollbackId + ".html");
            assertThat(day3.getElementById("deployments-since").nextElementSibling().text()).contains("previous run's report")
                    .contains("Europe/Berlin");
            Document day1 = html(root.resolve(NightlyTemplate.DAY.toString()).resolve("index.html"));
            assertThat(day1.getElementById("no-deployments-since")).isNotNull();

            Document runs = html(root.resolve("index.html"));
            assertThat(runs.select("a[href=deployments.html]")).isNotEmpty();
            assertThat(runs.select("table.recent-deployments td.id").eachText()).containsExactly(rollbackId, id);
            assertThat(runs.select("header a").eachText()).contains("Deployments", "All runs");
            assertThat(runs.selectFirst("style")).as("the list of runs has the pages' look").isNotNull();
            assertThat(runs.selectFirst("style").data()).isEqualTo(day3.selectFirst("style").data());
            for (Path index : List.of(root.resolve("index.html"), root.resolve(DAY3.toString()).resolve("index.html"),
                    root.resolve(NightlyTemplate.DAY.toString()).resolve("index.html"), root.resolve("deployments.html"),
                    root.resolve("deployments").resolve(id + ".html"), root.resolve("deployments").resolve(rollbackId + ".html"))) {
                assertLinksResolve(index);
            }
            assertThat(html(root.resolve(DAY3.toString()).resolve("index.html")).select("a[href=../deployments.html]")).isNotEmpty();
        }
    }

    @Test
    void aDryRunWritesNoPage() throws Exception {
        try (DemoFixture demo = NightlyTemplate.copyInto(tmp.resolve("demo"))) {
            Path approved = Approvals.approve(NightlyTemplate.workbook(demo), tmp.resolve("approved.xlsx"), "carol",
                    r -> r.get("Setting").equals("view-distance"));
            Path list = reports(demo).resolve("deployments.html");
            assertThat(html(list).getElementById("no-deployments")).as("the nightly's report wrote the empty list").isNotNull();
            byte[] before = Files.readAllBytes(list);
            FileTime written = Files.getLastModifiedTime(list);

            StringWriter out = new StringWriter();
            int exit = demo.context.getBean(DeployService.class).deploy(approved, List.of(), true, new PrintWriter(out, true));

            assertThat(exit).as(out.toString()).isEqualTo(DeployService.OK);
            assertThat(list).hasBinaryContent(before);
            assertThat(Files.getLastModifiedTime(list)).isEqualTo(written);
            assertThat(reports(demo).resolve("deployments")).doesNotExist();
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String deploy(DemoFixture demo, Path workbook) {
        StringWriter out = new StringWriter();
        int exit = demo.context.getBean(DeployService.class).deploy(workbook, List.of(), false, new PrintWriter(out, true));
        assertThat(exit).as(out.toString()).isIn(DeployService.OK, DeployService.PROBLEMS);
        return out.toString();
    }

    private static void report(DemoFixture demo, LocalDate date) {
        RunOutcome outcome = demo.jobs().run(JobNames.REPORT, date, List.of(), false);
        assertThat(outcome.status()).as(outcome.message()).isEqualTo(BatchStatus.COMPLETED);
    }

    /** The id from the first output line, {@code deployment D-… for plan …} or {@code rollback D-… of deployment …}. */
    private static String idOf(String out, String prefix) {
        assertThat(out).startsWith(prefix);
        return out.substring(prefix.length(), out.indexOf(' ', prefix.length()));
    }

    private static Path reports(DemoFixture demo) {
        return demo.settings().stateDir().resolve("reports");
    }

    private static Path instanceFile(DemoFixture demo, String server, String instance, String path) {
        return demo.network.dir().resolve("hosts").resolve(server).resolve("instances").resolve(instance).resolve("Minecraft").resolve(path);
    }

    private static Document html(Path page) throws Exception {
        return Jsoup.parse(page.toFile(), "UTF-8");
    }

    private static Element instanceRow(Document page, String label) {
        return page.select("table.instances tr.instance").stream().filter(r -> r.attr("data-instance").equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no instance row for " + label));
    }

    private static Element row(Document page, String setting) {
        return page.select("table.rows tr.row").stream().filter(r -> r.select("td").get(3).text().equals(setting)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + setting));
    }

    /** Every link of the page is relative and names a file that exists. */
    private static void assertLinksResolve(Path page) throws Exception {
        Document doc = html(page);
        assertThat(doc.select("a[href]")).as(page.toString()).isNotEmpty();
        for (Element a : doc.select("a[href]")) {
            String href = a.attr("href");
            assertThat(href).as(page + ": " + href).doesNotContain("//");
            Path target = page.getParent().resolve(href.replaceFirst("#.*", "")).normalize();
            assertThat(target).as(page + " links to " + href).exists();
        }
    }

    private static List<Path> pages(DemoFixture demo) throws Exception {
        try (Stream<Path> all = Files.walk(reports(demo))) {
            return all.filter(p -> p.toString().endsWith(".html")).toList();
        }
    }
}
