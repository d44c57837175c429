package org.homeamp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.homeamp.demo.DemoNetwork;
import org.homeamp.demo.DemoNetworkGenerator;
import org.homeamp.testing.Approvals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code homeamp deploy} of the packaged jar killed with SIGKILL three times, at three different
 * points (while an amp-api instance is backed up, between two files written on it, and while an
 * instance restarts), each time resumed with {@code homeamp restart}: the end state equals an
 * uninterrupted deploy's, nothing is left half-written and no instance is restarted more than once
 * more than planned.
 */
class DeployKillRestartIT {
    private static final List<String> SETTINGS = List.of("view-distance", "enable-rcon", "use-server-uuid-cache", "teleport-cooldown", "auto-afk");

    @TempDir
    Path tmp;

    @Test
    void killedThreeTimesTheDeployResumesToTheSameEndStateAsAnUninterruptedOne() throws Exception {
        DemoNetwork net = new DemoNetworkGenerator().generate(tmp.resolve("demo"), 6, 14, false);
        String cfg = net.configFile().toString();
        Path state = net.dir().resolve("state");
        assertThat(PackagedJar.run(tmp.resolve("nightly.log"), "run", "nightly", "--date", "2026-11-20", "--config", cfg))
                .as(Files.readString(tmp.resolve("nightly.log"))).isZero();
        Path workbook = Approvals.approve(state.resolve("reports/2026-11-20/approvals-2026-11-20.xlsx"), tmp.resolve("approved.xlsx"), "it",
                r -> SETTINGS.contains(r.get("Setting")));
        // slow AMP calls so that backing up and writing an amp-api instance take long enough to be killed in the middle
        PackagedJar.addLatency(net, "ovh", 250);
        Path creative = net.dir().resolve("hosts/ovh/instances/Creative01/Minecraft");
        byte[] creativeProps = Files.readAllBytes(creative.resolve("server.properties"));

        Process deploy = PackagedJar.start(tmp.resolve("deploy.log"), "deploy", workbook.toString(), "--config", cfg);
        PackagedJar.killWhen(deploy, state, "SELECT COUNT(*) FROM deployment_instance WHERE server = 'ovh' AND state = 'PREPARED'", n -> n > 0);

        Process second = PackagedJar.start(tmp.resolve("restart1.log"), "restart", "--config", cfg);
        PackagedJar.killWhen(second, state, """
                SELECT COUNT(*) FROM deployment_file f JOIN deployment_instance i
                    ON i.deployment_id = f.deployment_id AND i.server = f.server AND i.instance_name = f.instance_name
                 WHERE f.server = 'ovh' AND f.written AND i.state = 'BACKED_UP'""", n -> n > 0);

        Process third = PackagedJar.start(tmp.resolve("restart2.log"), "restart", "--config", cfg);
        PackagedJar.killWhen(third, state, "SELECT COUNT(*) FROM deployment_instance WHERE state = 'RESTARTING'", n -> n > 0);

        int last = PackagedJar.run(tmp.resolve("restart3.log"), "restart", "--config", cfg);

        assertThat(last).as(Files.readString(tmp.resolve("restart3.log"))).isZero();
        assertThat(PackagedJar.query(state, "SELECT COUNT(*) FROM deployment_row WHERE result = 'APPLIED'")).isEqualTo(SETTINGS.size());
        assertThat(PackagedJar.query(state, "SELECT COUNT(*) FROM deployment WHERE result = 'COMPLETED'")).isEqualTo(1);
        assertThat(PackagedJar.query(state, "SELECT MAX(restarts) FROM deployment_instance")).isBetween(1L, 2L);
        assertThat(Files.readString(net.dir().resolve("hosts/hetzner/instances/Lobby01/Minecraft/server.properties"))).contains("view-distance=8");
        assertThat(Files.readString(creative.resolve("plugins/LuckPerms/config.yml"))).contains("use-server-uuid-cache: ");
        assertThat(Files.readString(creative.resolve("server.properties")))
                .isEqualTo(new String(creativeProps).replace("enable-rcon=true", "enable-rcon=false"));
        String id = PackagedJar.strings(state, "SELECT deployment_id FROM deployment").iterator().next();
        assertThat(state.resolve("backups").resolve(id).resolve("ovh/Creative01/server.properties")).hasBinaryContent(creativeProps);
        try (Stream<Path> all = Files.walk(net.dir().resolve("hosts"))) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("homeamp-tmp") || n.endsWith(".tmp"));
        }

        // deploying the same workbook again changes nothing
        int again = PackagedJar.run(tmp.resolve("again.log"), "deploy", workbook.toString(), "--config", cfg);
        assertThat(again).isZero();
        assertThat(Files.readString(tmp.resolve("again.log"))).contains("already deployed as " + id);
    }
}
