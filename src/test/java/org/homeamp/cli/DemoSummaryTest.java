package org.homeamp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's console summary counts what the report shows, and the log names the report's final files. */
class DemoSummaryTest {
    @TempDir
    Path tmp;

    @Test
    void consoleSummaryAgreesWithTheReportAndTheLogNamesFinalPaths() throws Exception {
        Path dir = tmp.resolve("demo");

        CliRun demo = CliRun.of("demo", "--dir", dir.toString(), "--instances", "5", "--plugins", "12");

        assertThat(demo.exit()).as(demo.err()).isZero();
        Path day;
        try (Stream<Path> days = Files.list(dir.resolve("state/reports"))) {
            day = days.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Document index = Jsoup.parse(day.resolve("index.html").toFile(), "UTF-8");
        assertThat(count(demo.out(), "Problems found")).isEqualTo(index.getElementById("count-problems").text());
        long drift = Long.parseLong(index.getElementById("count-new").text()) + Long.parseLong(index.getElementById("count-open").text());
        assertThat(count(demo.out(), "Drift against the baselines")).isEqualTo(String.valueOf(drift));
        String log = Files.readString(dir.resolve("state/logs/homeamp.log"));
        assertThat(log).contains(day.resolve("approvals-" + day.getFileName() + ".xlsx").toString()).doesNotContain("/.report-");
    }

    private static String count(String out, String heading) {
        Matcher m = Pattern.compile(Pattern.quote(heading) + " \\((\\d+)\\):").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }
}
