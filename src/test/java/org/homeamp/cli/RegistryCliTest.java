package org.homeamp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.homeamp.testing.DemoEdits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code homeamp registry check} and {@code homeamp registry identify} on the demo network. */
class RegistryCliTest {
    @TempDir
    Path tmp;

    @Test
    void checkCountsValidFilesAndExitsZero() throws Exception {
        DemoNetwork demo = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 6, 14, false);
        Path plugins = DemoEdits.emptyRegistry(demo.dir().resolve("registry"));
        Files.writeString(plugins.resolve("LuckPerms.yml"), "name: LuckPerms\nsource: modrinth\nproject: luckperms\n");
        Files.writeString(plugins.resolve("Vault.yml"), "name: Vault\nsource: github\nproject: MilkBowl/Vault\n");

        CliRun r = CliRun.of("registry", "check", "--config", demo.configFile().toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).startsWith("2 registry files OK");
    }

    @Test
    void checkNamesFileLineAndFixPerProblemAndExitsTwo() throws Exception {
        DemoNetwork demo = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 6, 14, false);
        Path plugins = DemoEdits.emptyRegistry(demo.dir().resolve("registry"));
        Files.writeString(plugins.resolve("LuckPerms.yml"), "name: LuckPerms\nsource: modrinth\nproject: luckperms\nchanel: beta\n");
        Files.writeString(plugins.resolve("Vault.yml"), "name: Vault\nsource: github\nproject: Vault\n");

        CliRun r = CliRun.of("registry", "check", "--config", demo.configFile().toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(plugins.resolve("LuckPerms.yml") + ":4: 'chanel' is not a known key. Fix: did you mean 'channel'?")
                .contains(plugins.resolve("Vault.yml") + ":3: 'Vault' is not a GitHub owner/repo. Fix: ")
                .contains("2 problem(s) in 2 registry files");
    }

    @Test
    void identifyPrintsADraftPerJarModrinthKnowsAndNamesTheRest() throws Exception {
        try (MockWebServer modrinth = new MockWebServer()) {
            modrinth.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if (!request.getMethod().equals("POST") || !request.getUrl().encodedPath().equals("/v2/version_files")) {
                        return new MockResponse.Builder().code(404).build();
                    }
                    String body = request.getBody().utf8();
                    // the first hash asked is known: answer it as Modrinth does, keyed by the hash
                    String hash = body.substring(body.indexOf("[\"") + 2, body.indexOf("\"", body.indexOf("[\"") + 2));
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body("""
                            {"%s":{"id":"vABC","project_id":"AbCd1234","version_number":"7.1.0","version_type":"release","status":"listed",
                              "files":[{"url":"https://cdn.modrinth.com/x.jar","filename":"x.jar","primary":true,"size":10,
                                        "hashes":{"sha512":"%s","sha1":"00"}}]}}""".formatted(hash, hash)).build();
                }
            });
            modrinth.start();
            DemoNetwork demo = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 6, 14, false);
            DemoEdits.modrinthAt(demo.configFile(), modrinth.url("/v2").toString(), 4);
            DemoEdits.emptyRegistry(demo.dir().resolve("registry"));
            String config = demo.configFile().toString();
            assertThat(CliRun.of("run", "discovery", "--date", "2026-11-20", "--config", config).exit()).isZero();

            CliRun r = CliRun.of("registry", "identify", "--config", config);

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("only Modrinth was asked").contains("# --- save as ").contains("source: modrinth\nproject: AbCd1234\n")
                    .contains("channel: release").contains("# 1 draft(s) printed; not found at Modrinth: ");
            assertThat(modrinth.getRequestCount()).isEqualTo(1);
        }
    }
}
