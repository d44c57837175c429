package org.homeamp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The modes a nightly run leaves in the state dir: the group reads reports, only the owner the database and keys. */
class StateDirSecurityTest {
    @TempDir
    Path tmp;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void nightlyLeavesPrivateDatabaseAndKeysAndGroupReadableReports() throws Exception {
        // given
        DemoNetwork net = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 5, 12, false);
        Path state = net.dir().resolve("state");

        // when
        CliRun run = CliRun.of("run", "nightly", "--date", "2026-11-20", "--config", net.configFile().toString());

        // then
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(mode(state)).isEqualTo("rwxr-x---");
        assertThat(mode(state.resolve("db"))).isEqualTo("rwx------");
        try (Stream<Path> db = Files.list(state.resolve("db"))) {
            List<Path> files = db.toList();
            assertThat(files).contains(state.resolve("db/homeamp.mv.db"), state.resolve("db/password"));
            for (Path f : files) {
                assertThat(mode(f)).as(f.toString()).isEqualTo("rw-------");
            }
        }
        assertThat(mode(state.resolve("signing.key"))).isEqualTo("rw-------");
        assertThat(mode(state.resolve("logs"))).isEqualTo("rwxr-x---");
        assertThat(mode(state.resolve("logs/homeamp.log"))).isEqualTo("rw-r-----");
        Path reports = state.resolve("reports/2026-11-20");
        for (String page : List.of("index.html", "drift.html", "updates.html", "approvals-2026-11-20.xlsx", "drift.json")) {
            assertThat(mode(reports.resolve(page))).as(page).isEqualTo("rw-r-----");
        }
        try (Stream<Path> outbox = Files.list(state.resolve("outbox"))) {
            List<Path> mails = outbox.filter(p -> p.toString().endsWith(".eml")).toList();
            assertThat(mails).isNotEmpty();
            for (Path mail : mails) {
                assertThat(mode(mail)).as(mail.toString()).isEqualTo("rw-r-----");
            }
        }
    }
}
