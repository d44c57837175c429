package org.homeamp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.homeamp.testing.FileTrees;
import org.homeamp.testing.Approvals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.internet.MimeMessage;

/**
 * {@code homeamp rollback} of the packaged jar killed with SIGKILL twice, at two different points
 * (between two files restored on the amp-api instance, and while that instance restarts), each time
 * resumed with {@code homeamp restart}: every file of both instances is back to its bytes before the
 * deployment, no instance restarted more than once more than planned, the deployment is recorded
 * rolled back once, and the rollback's mail reached the SMTP server (GreenMail) exactly once.
 */
class RollbackKillRestartIT {
    private static final List<String> SETTINGS = List.of("view-distance", "enable-rcon", "use-server-uuid-cache");

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path tmp;

    @Test
    void killedTwiceTheRollbackResumesToTheTreesBeforeTheDeploymentAndMailsOnce() throws Exception {
        DemoNetwork net = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 6, 14, false);
        Files.writeString(net.configFile(), "spring:\n  mail:\n    host: 127.0.0.1\n    port: " + greenMail.getSmtp().getPort() + "\n",
                StandardOpenOption.APPEND);
        String cfg = net.configFile().toString();
        Path state = net.dir().resolve("state");
        Map<String, String> lobbyBefore = tree(net, "hetzner", "Lobby01");
        Map<String, String> creativeBefore = tree(net, "ovh", "Creative01");
        assertThat(PackagedJar.run(tmp.resolve("nightly.log"), "run", "nightly", "--date", "2026-11-20", "--config", cfg))
                .as(Files.readString(tmp.resolve("nightly.log"))).isZero();
        Path workbook = Approvals.approve(state.resolve("reports/2026-11-20/approvals-2026-11-20.xlsx"), tmp.resolve("approved.xlsx"), "it",
                r -> SETTINGS.contains(r.get("Setting")));
        assertThat(PackagedJar.run(tmp.resolve("deploy.log"), "deploy", workbook.toString(), "--config", cfg))
                .as(Files.readString(tmp.resolve("deploy.log"))).isZero();
        String id = PackagedJar.strings(state, "SELECT deployment_id FROM deployment WHERE kind = 'deploy'").iterator().next();
        assertThat(tree(net, "hetzner", "Lobby01")).isNotEqualTo(lobbyBefore);
        assertThat(tree(net, "ovh", "Creative01")).isNotEqualTo(creativeBefore);
        // slow AMP calls so that restoring the amp-api instance takes long enough to be killed in the middle
        PackagedJar.addLatency(net, "ovh", 250);

        Process rollback = PackagedJar.start(tmp.resolve("rollback.log"), "rollback", id, "--config", cfg);
        awaitStateChange(rollback, tmp.resolve("rollback.log"));
        PackagedJar.killWhen(rollback, state, """
                SELECT COUNT(*) FROM deployment_file f
                  JOIN deployment d ON d.deployment_id = f.deployment_id
                  JOIN deployment_instance i ON i.deployment_id = f.deployment_id AND i.server = f.server AND i.instance_name = f.instance_name
                 WHERE d.kind = 'rollback' AND f.server = 'ovh' AND f.written AND i.state = 'BACKED_UP'""", n -> n > 0);

        Process second = PackagedJar.start(tmp.resolve("restart1.log"), "restart", "--config", cfg);
        awaitStateChange(second, tmp.resolve("restart1.log"));
        PackagedJar.killWhen(second, state, """
                SELECT COUNT(*) FROM deployment_instance i JOIN deployment d ON d.deployment_id = i.deployment_id
                 WHERE d.kind = 'rollback' AND i.server = 'ovh' AND i.state = 'RESTARTING'""", n -> n > 0);

        int last = PackagedJar.run(tmp.resolve("restart2.log"), "restart", "--config", cfg);

        assertThat(last).as(Files.readString(tmp.resolve("restart2.log"))).isZero();
        assertThat(tree(net, "hetzner", "Lobby01")).isEqualTo(lobbyBefore);
        assertThat(tree(net, "ovh", "Creative01")).isEqualTo(creativeBefore);
        String rollbackId = PackagedJar.strings(state, "SELECT deployment_id FROM deployment WHERE kind = 'rollback'").iterator().next();
        assertThat(PackagedJar.query(state, "SELECT COUNT(*) FROM deployment WHERE kind = 'rollback'")).isEqualTo(1);
        assertThat(PackagedJar.query(state, "SELECT COUNT(*) FROM deployment WHERE kind = 'rollback' AND undoes = '" + id
                + "' AND result = 'COMPLETED'")).isEqualTo(1);
        assertThat(PackagedJar.query(state, "SELECT COUNT(*) FROM deployment_row WHERE deployment_id = '" + rollbackId
                + "' AND result = 'APPLIED'")).isEqualTo(SETTINGS.size());
        assertThat(PackagedJar.query(state, "SELECT MAX(restarts) FROM deployment_instance WHERE deployment_id = '" + rollbackId + "'")).isEqualTo(1);
        // Restarts really asked of AMP: each one that finished is logged once. Lobby01 was never killed while restarting;
        // Creative01's restart cut short by the second kill is the one extra restart a kill may cost, and the last process
        // restarts it again (twice only if the kill landed between its log line and the commit of HEALTHY)
        List<Path> logs = List.of(tmp.resolve("rollback.log"), tmp.resolve("restart1.log"), tmp.resolve("restart2.log"));
        assertThat(count(logs, rollbackId + " hetzner/Lobby01: restart and health check took")).isEqualTo(1);
        assertThat(count(logs, rollbackId + " ovh/Creative01: restart and health check took")).isBetween(1L, 2L);
        assertThat(Files.readString(tmp.resolve("restart2.log"))).contains(rollbackId + " ovh/Creative01: restart and health check took");
        try (Stream<Path> all = Files.walk(net.dir().resolve("hosts"))) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("homeamp-tmp") || n.endsWith(".tmp"));
        }

        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            subjects.add(m.getSubject());
        }
        assertThat(subjects).filteredOn(s -> s.startsWith("[homeamp] deployment " + rollbackId + ":"))
                .containsExactly("[homeamp] deployment " + rollbackId + ": 0 applied, 0 refused, 3 rolled back");
        assertThat(subjects).filteredOn(s -> s.startsWith("[homeamp] deployment " + id + ":"))
                .containsExactly("[homeamp] deployment " + id + ": 3 applied, 0 refused, 0 rolled back");
        assertThat(PackagedJar.query(state, "SELECT COUNT(*) FROM mail_deployment WHERE sent_at IS NOT NULL AND transport = 'smtp'")).isEqualTo(2);
        assertThat(Files.readString(tmp.resolve("restart2.log"))).contains("rollback " + rollbackId + " finished: 3 applied");
    }

    /**
     * Waits until the job logs its first instance state change, so it holds the database: polling the H2 file
     * while the job is still opening it would keep its lock file busy ("Lock file recently modified") and could
     * make the job give up before it starts.
     */
    private static void awaitStateChange(Process job, Path log) throws Exception {
        Pattern change = Pattern.compile("INFO  deployment D-\\S+ \\S+: \\w+ -> \\w+");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && change.matcher(Files.readString(log)).find()) {
                return;
            }
            if (!job.isAlive()) {
                throw new AssertionError("the job ended before it changed an instance (exit " + job.exitValue() + "):\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no instance state change within 120 s:\n" + Files.readString(log));
    }

    private static long count(List<Path> logs, String line) throws IOException {
        long n = 0;
        Matcher m;
        for (Path log : logs) {
            m = Pattern.compile(Pattern.quote(line)).matcher(Files.readString(log));
            while (m.find()) {
                n++;
            }
        }
        return n;
    }

    /** sha256, mode and owner of every file under the instance's Minecraft folder. */
    private static Map<String, String> tree(DemoNetwork net, String server, String instance) throws IOException {
        return FileTrees.withModes(net.dir().resolve("hosts").resolve(server).resolve("instances").resolve(instance).resolve("Minecraft"));
    }
}
