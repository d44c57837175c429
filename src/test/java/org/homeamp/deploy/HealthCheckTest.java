package org.homeamp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Reading a Paper console after a restart: what rolls a deployment back and what does not. */
class HealthCheckTest {
    private static final List<String> CLEAN = List.of(
            "[Server thread/INFO]: [Essentials] Enabling Essentials v2.20.1",
            "[Server thread/INFO]: Done (2.1s)! For help, type \"help\"");

    @Test
    void aCleanStartIsHealthy() {
        assertThat(HealthCheck.judge(CLEAN, List.of("Essentials")).healthy()).isTrue();
    }

    @Test
    void anEnableErrorOfATouchedPluginIsUnhealthyAndQuotesTheLine() {
        HealthCheck.Result r = HealthCheck.judge(List.of("[Server thread/ERROR]: Error occurred while enabling Essentials v2.20.1 (Is it up to date?)"),
                List.of("Essentials"));
        assertThat(r.healthy()).isFalse();
        assertThat(r.reason()).contains("Error occurred while enabling Essentials v2.20.1");
    }

    @Test
    void anErrorOfAPluginTheDeploymentDidNotTouchIsNotItsFault() {
        List<String> console = List.of("[Server thread/ERROR]: Error occurred while enabling Vault v1.7.3 (Is it up to date?)");
        assertThat(HealthCheck.judge(console, List.of("Essentials")).healthy()).isTrue();
    }

    @Test
    void aPluginWhoseNameStartsLikeATouchedOneIsNotConfused() {
        List<String> console = List.of("[Server thread/ERROR]: Error occurred while enabling EssentialsChat v2.20.1");
        assertThat(HealthCheck.judge(console, List.of("Essentials")).healthy()).isTrue();
        assertThat(HealthCheck.judge(console, List.of("EssentialsChat")).healthy()).isFalse();
    }

    @Test
    void aJarThatCouldNotBeLoadedIsUnhealthy() {
        List<String> console = List.of("[Server thread/ERROR]: Could not load 'plugins/LuckPerms-Bukkit-5.4.141.jar' in folder 'plugins'");
        assertThat(HealthCheck.judge(console, List.of("LuckPerms-Bukkit-5.4.141.jar")).healthy()).isFalse();
    }

    @Test
    void aPortThatCannotBeBoundIsUnhealthyWhateverWasTouched() {
        List<String> console = List.of("[Server thread/WARN]: **** FAILED TO BIND TO PORT!", "[Server thread/WARN]: The exception was: Address already in use");
        HealthCheck.Result r = HealthCheck.judge(console, List.of());
        assertThat(r.healthy()).isFalse();
        assertThat(r.reason()).contains("could not bind its port");
    }
}
