package org.homeamp.updates.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VersionOrderTest {
    private static final Path RESEARCH_TABLE =
            Path.of("../shared/corpus/update-sources/version-strings/maven-comparableversion-3.9.11.tsv");

    static Stream<Arguments> researchTable() throws IOException {
        assumeTrue(Files.isRegularFile(RESEARCH_TABLE), "research corpus not present: " + RESEARCH_TABLE);
        List<Arguments> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(RESEARCH_TABLE, StandardCharsets.UTF_8);
        // First line is the header: a, b, comparableversion_3_9_11, human_expectation, note.
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t");
            rows.add(Arguments.of(cells[0], cells[3], cells[1], cells[4]));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("researchTable")
    void researchTableRowsComeOutAsHumansExpect(String a, String expected, String b, String note) {
        assertThat(relation(VersionOrder.compare(a, b, null))).as(note).isEqualTo(expected);
        assertThat(relation(VersionOrder.compare(b, a, null))).as("reversed: " + note).isEqualTo(reverse(expected));
    }

    static Stream<Arguments> ownCases() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        try (InputStream in = VersionOrderTest.class.getResourceAsStream("/updates/version-order-cases.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\\|");
                String pattern = cells.length > 3 ? cells[3].strip() : null;
                rows.add(Arguments.of(cells[0].strip(), cells[1].strip(), cells[2].strip(), pattern));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} [{3}]")
    @MethodSource("ownCases")
    void ownCasesComeOutRight(String a, String expected, String b, String pattern) {
        assertThat(relation(VersionOrder.compare(a, b, pattern))).isEqualTo(expected);
        assertThat(relation(VersionOrder.compare(b, a, pattern))).isEqualTo(reverse(expected));
    }

    @Test
    void sortingPutsIncomparableFirstAndBuildsInOrder() {
        List<String> versions = new ArrayList<>(List.of("1.7.3-b132", "3a6fdd9", "1.7.2", "1.7.3", "1.7.3-b131", "1.7.3-beta1"));

        versions.sort(VersionOrder.NATURAL);

        assertThat(versions).containsExactly("3a6fdd9", "1.7.2", "1.7.3-beta1", "1.7.3", "1.7.3-b131", "1.7.3-b132");
    }

    @Test
    void parseExplainsWhatWasSetAside() {
        ParsedVersion parsed = VersionOrder.parse("v2.21.0-dev+93-3a6fdd9", null).orElseThrow();

        assertThat(parsed.core()).containsExactly(2L, 21L);
        assertThat(parsed.qualifiers()).extracting(ParsedVersion.Qualifier::word).containsExactly("dev");
        assertThat(parsed.buildNumber()).isEqualTo(93);
        assertThat(parsed.isRelease()).isFalse();
    }

    @Test
    void invalidVersionPatternMakesEverythingIncomparable() {
        assertThat(VersionOrder.compare("1.0", "2.0", "([")).isEmpty();
    }

    private static String relation(Optional<Integer> result) {
        return result.map(r -> r < 0 ? "<" : r > 0 ? ">" : "==").orElse("?");
    }

    private static String reverse(String relation) {
        return switch (relation) {
            case "<" -> ">";
            case ">" -> "<";
            default -> relation;
        };
    }
}
