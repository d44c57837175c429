package org.homeamp.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.homeamp.amp.AmpInstance;
import org.homeamp.amp.AmpState;
import org.homeamp.batch.Problems.Problem;
import org.homeamp.config.FilesMode;
import org.homeamp.config.Secret;
import org.homeamp.config.ServerSettings;
import org.junit.jupiter.api.Test;

/** Instance names become folder names (backups, prepared files, instances-dir): only plain names are worked on. */
class InstanceNamesTest {

    private static AmpInstance named(String name) {
        return new AmpInstance("id-" + name, "t", "host", name, name, "Minecraft", true, AmpState.READY);
    }

    @Test
    void namesThatCouldLeaveTheirFolderAreLeftOutAsProblems() {
        ServerSettings server = new ServerSettings("ovh", URI.create("http://127.0.0.1:1"), "homeamp", new Secret("pw"),
                "password-env X", FilesMode.AMP_API, null, null);
        List<Problem> problems = new ArrayList<>();
        List<AmpInstance> kept = InstanceLocator.withPlainNames(server, List.of(named("Lobby01"), named(".."), named("a/b"),
                named("Skyrim-01.test_2"), named("."), named("bad\nname"), named("")), problems);

        assertThat(kept).extracting(AmpInstance::instanceName).containsExactly("Lobby01", "Skyrim-01.test_2");
        assertThat(problems).hasSize(5).allSatisfy(p -> {
            assertThat(p.kind()).isEqualTo("INSTANCE_NAME_UNSAFE");
            assertThat(p.message()).contains("Fix: rename the instance in AMP").doesNotContain("\n");
        });
        assertThat(problems).extracting(Problem::instance).contains("..", "a/b", "bad?name");
    }
}
