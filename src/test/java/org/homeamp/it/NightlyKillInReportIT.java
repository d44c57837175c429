package org.homeamp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly job of the packaged jar killed with SIGKILL while it writes the report: the restart
 * resumes at the report step without running discovery or the drift scan again, and exactly one mail
 * goes out (to the outbox, as no SMTP host is configured).
 */
class NightlyKillInReportIT {
    @TempDir
    Path tmp;

    @Test
    void killedInTheReportStepResumesThereAndMailsOnce() throws Exception {
        DemoNetwork net = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 60, 14, false);
        String cfg = net.configFile().toString();
        Path state = net.dir().resolve("state");

        Process job = PackagedJar.start(tmp.resolve("nightly.log"), "run", "nightly", "--date", "2026-11-20", "--config", cfg);
        PackagedJar.killWhen(job, state, "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'report' AND STATUS = 'STARTED'", n -> n > 0);
        assertThat(PackagedJar.query(state, "SELECT COUNT(*) FROM mail_sent")).isZero();

        int restart = PackagedJar.run(tmp.resolve("restart.log"), "restart", "--config", cfg);

        assertThat(restart).as(Files.readString(tmp.resolve("restart.log"))).isZero();
        // the resumed execution scanned nothing again: no discovery or drift partition, no scan step
        java.util.Set<String> resumed = PackagedJar.strings(state, """
                SELECT STEP_NAME FROM BATCH_STEP_EXECUTION
                 WHERE JOB_EXECUTION_ID = (SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION)""");
        assertThat(resumed).contains("report", "mail").doesNotContain("discoveryScan", "driftScan", "discoveryFinish", "driftPlan");
        assertThat(resumed).noneMatch(name -> name.contains(":"));
        assertThat(PackagedJar.query(state, "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'report' AND STATUS = 'COMPLETED'")).isEqualTo(1);
        assertThat(PackagedJar.query(state, "SELECT COUNT(*) FROM mail_sent")).isEqualTo(1);
        try (Stream<Path> outbox = Files.list(state.resolve("outbox"))) {
            assertThat(outbox.filter(p -> p.getFileName().toString().endsWith(".eml"))).hasSize(1);
        }
        Path reports = state.resolve("reports/2026-11-20");
        assertThat(reports.resolve("index.html")).exists();
        assertThat(reports.resolve("approvals-2026-11-20.xlsx")).exists();
        try (Stream<Path> files = Files.list(reports)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".report-"));
        }

        // a second restart finds nothing to do and sends nothing
        assertThat(PackagedJar.run(tmp.resolve("restart2.log"), "restart", "--config", cfg)).isZero();
        assertThat(PackagedJar.query(state, "SELECT COUNT(*) FROM mail_sent")).isEqualTo(1);
    }
}
