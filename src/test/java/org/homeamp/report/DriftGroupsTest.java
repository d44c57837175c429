package org.homeamp.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.homeamp.drift.FindingKind;
import org.homeamp.drift.FindingState;
import org.homeamp.drift.StoredFinding;
import org.junit.jupiter.api.Test;

/** The drift page's diff and the summary page's trend chart. */
class DriftGroupsTest {
    @Test
    void unifiedDiffComparesTheListedKeysExpectedAgainstActual() {
        List<DriftGroups.DiffLine> diff = DriftGroups.diff("server.properties", List.of(
                finding("server.properties", "view-distance", "CHANGED", "8", "6", "NEW"),
                finding("server.properties", "enable-rcon", "MISSING_KEY", "false", null, "NEW")));

        assertThat(diff).extracting(DriftGroups.DiffLine::text).contains("--- expected/server.properties", "+++ actual/server.properties",
                "-enable-rcon: false", "-view-distance: 8", "+view-distance: 6");
        assertThat(diff).filteredOn(l -> l.text().startsWith("@@")).extracting(DriftGroups.DiffLine::css).containsOnly("hunk");
    }

    @Test
    void trendChartDrawsFourSeriesAndHandlesNoRuns() {
        String svg = TrendChart.svg(List.of(new TrendChart.Point(java.time.LocalDate.of(2026, 11, 19), 3, 1, 0, 2),
                new TrendChart.Point(java.time.LocalDate.of(2026, 11, 20), 0, 3, 1, 1)));

        assertThat(svg).startsWith("<svg").endsWith("</svg>").doesNotContain("http");
        assertThat(svg.split("<polyline", -1)).hasSize(5);
        assertThat(TrendChart.svg(List.of())).contains("No completed runs yet");
    }

    @Test
    void diffLinesTakeTheColourClassesOfTheirSide() {
        List<DriftGroups.DiffLine> diff = DriftGroups.diff("server.properties", List.of(
                finding("server.properties", "view-distance", "CHANGED", "8", "6", "NEW")));

        assertThat(diff).filteredOn(l -> l.text().equals("-view-distance: 8")).extracting(DriftGroups.DiffLine::css).containsExactly("expected");
        assertThat(diff).filteredOn(l -> l.text().equals("+view-distance: 6")).extracting(DriftGroups.DiffLine::css).containsExactly("actual");
    }

    private static StoredFinding finding(String file, String key, String kind, String expected, String actual, String state) {
        return new StoredFinding("F-" + file.hashCode() + (key == null ? "" : key), "hetzner", "Lobby01", file, key, FindingKind.valueOf(kind),
                expected, actual, FindingState.valueOf(state), LocalDate.of(2026, 11, 20), null, null, null);
    }
}
