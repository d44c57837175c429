package org.homeamp.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import org.homeamp.config.HomeAmpSettings;
import org.homeamp.demo.DemoNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Baselines, registry and variables parse with the jobs' own readers; a broken file is a FAIL naming it. */
class ContentChecksTest {
    @TempDir
    Path tmp;
    HomeAmpSettings settings;

    @BeforeEach
    void demo() throws IOException {
        DemoNetwork network = DoctorDemo.generate(tmp.resolve("demo"));
        settings = DoctorDemo.settings(network);
    }

    @Test
    void theDemoContentParses() {
        List<CheckResult> results = ContentChecks.check(settings);

        assertThat(results).extracting(CheckResult::check).containsExactly("baselines", "registry", "variables");
        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.line()).isEqualTo(CheckStatus.OK));
    }

    @Test
    void brokenRulesYmlFailsTheBaselines() throws IOException {
        Files.writeString(settings.baselinesDir().resolve("rules.yml"), "ignore: [unclosed\n", StandardOpenOption.APPEND);

        CheckResult baselines = AmpChecksTest.find(ContentChecks.check(settings), "baselines");

        assertThat(baselines.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(baselines.detail()).contains("rules.yml");
        assertThat(baselines.fix()).contains("docs/baselines.md");
    }

    @Test
    void misspeltRegistryKeyFailsTheRegistry() throws IOException {
        Path file;
        try (Stream<Path> files = Files.list(settings.registryDir().resolve("plugins"))) {
            file = files.filter(p -> p.toString().endsWith(".yml")).sorted().findFirst().orElseThrow();
        }
        Files.writeString(file, "chanel: beta\n", StandardOpenOption.APPEND);

        CheckResult registry = AmpChecksTest.find(ContentChecks.check(settings), "registry");

        assertThat(registry.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(registry.detail()).contains(file.getFileName().toString()).contains("chanel");
        assertThat(registry.fix()).contains("homeamp registry check");
    }

    @Test
    void unclosedQuoteFailsTheVariables() throws IOException {
        Files.writeString(settings.variables(), "\"unclosed,row\n", StandardOpenOption.APPEND);

        CheckResult variables = AmpChecksTest.find(ContentChecks.check(settings), "variables");

        assertThat(variables.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(variables.detail()).contains(settings.variables().getFileName().toString());
    }

    @Test
    void javaOlderThan17Fails() {
        assertThat(HostChecks.java(11, "11.0.2").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(HostChecks.java(17, "17.0.15").status()).isEqualTo(CheckStatus.OK);
    }
}
