package org.homeamp.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import org.homeamp.files.LocalInstanceFiles;
import org.homeamp.testing.TestJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarInspectorTest {
    @TempDir
    Path mc;

    private final JarInspector inspector = new JarInspector();

    private InspectedJar inspect(String fileName) throws Exception {
        LocalInstanceFiles files = new LocalInstanceFiles(mc, "test/Lobby01");
        return inspector.inspect(new WorkItem("test", "Lobby01", null, fileName, Files.size(mc.resolve("plugins").resolve(fileName))), files);
    }

    @Test
    void pluginYmlGivesDescriptorAndAllThreeHashes() throws Exception {
        Path jar = TestJars.plugin(mc.resolve("plugins/LuckPerms-Bukkit-5.4.131.jar"), "LuckPerms", "5.4.131");

        InspectedJar r = inspect("LuckPerms-Bukkit-5.4.131.jar");

        assertThat(r.status()).isEqualTo(JarStatus.OK);
        assertThat(r.descriptor().name()).isEqualTo("LuckPerms");
        assertThat(r.descriptor().version()).isEqualTo("5.4.131");
        assertThat(r.descriptor().type()).isEqualTo("plugin.yml");
        assertThat(r.descriptor().authors()).containsExactly("alice", "bob");
        assertThat(r.descriptor().apiVersion()).isEqualTo("1.20");
        byte[] bytes = Files.readAllBytes(jar);
        assertThat(r.size()).isEqualTo(bytes.length);
        assertThat(r.sha1()).isEqualTo(hex("SHA-1", bytes));
        assertThat(r.sha256()).isEqualTo(hex("SHA-256", bytes));
        assertThat(r.sha512()).isEqualTo(hex("SHA-512", bytes));
    }

    @Test
    void aReadCutShortByAnInterruptFailsInsteadOfRecordingTheJarUnreadable() throws Exception {
        TestJars.plugin(mc.resolve("plugins/LuckPerms-Bukkit-5.4.131.jar"), "LuckPerms", "5.4.131");

        Thread.currentThread().interrupt();
        Throwable thrown;
        try {
            thrown = org.assertj.core.api.Assertions.catchThrowable(() -> inspect("LuckPerms-Bukkit-5.4.131.jar"));
        } finally {
            Thread.interrupted();
        }

        assertThat(thrown).isInstanceOf(JarInspector.Interrupted.class).hasMessageContaining("was interrupted")
                .hasMessageContaining("the restart reads it again");
        assertThat(inspect("LuckPerms-Bukkit-5.4.131.jar").status()).as("read again without the interrupt").isEqualTo(JarStatus.OK);
    }

    @Test
    void paperPluginYmlWinsOverPluginYml() throws Exception {
        TestJars.jar(mc.resolve("plugins/both.jar"), Map.of(
                "plugin.yml", "name: OldName\nversion: 1\nmain: a.B\n",
                "paper-plugin.yml", "name: NewName\nversion: 2.0\nmain: a.C\napi-version: '1.21'\nauthor: carol\n"));

        InspectedJar r = inspect("both.jar");

        assertThat(r.descriptor().type()).isEqualTo("paper-plugin.yml");
        assertThat(r.descriptor().name()).isEqualTo("NewName");
        assertThat(r.descriptor().authors()).containsExactly("carol");
    }

    @Test
    void velocityAndBungeeDescriptorsAreRead() throws Exception {
        TestJars.jar(mc.resolve("plugins/velo.jar"), Map.of("velocity-plugin.json",
                "{\"id\":\"luckperms\",\"name\":\"LuckPerms\",\"version\":\"5.4.131\",\"main\":\"me.lucko.Velocity\",\"authors\":[\"Luck\"],\"url\":\"https://luckperms.net\"}"));
        TestJars.jar(mc.resolve("plugins/bungee.jar"), Map.of("bungee.yml", "name: Geyser-BungeeCord\nversion: 2.4.0\nmain: org.geysermc.B\n"));

        assertThat(inspect("velo.jar").descriptor()).extracting(PluginDescriptor::name, PluginDescriptor::website, PluginDescriptor::type)
                .containsExactly("LuckPerms", "https://luckperms.net", "velocity-plugin.json");
        assertThat(inspect("bungee.jar").descriptor().name()).isEqualTo("Geyser-BungeeCord");
    }

    @Test
    void yaml11ReadsUnquotedVersionLikeBukkitDoes() throws Exception {
        TestJars.jar(mc.resolve("plugins/v.jar"), Map.of("plugin.yml", "name: Vault\nversion: 1.10\nmain: a.B\n"));

        // Bukkit reads 1.10 as a float and prints "1.1": the inventory shows what the server shows.
        assertThat(inspect("v.jar").descriptor().version()).isEqualTo("1.1");
    }

    @Test
    void truncatedJarIsCorruptNotACrash() throws Exception {
        Path good = TestJars.plugin(mc.resolve("plugins/tmp.jar"), "Chunky", "1.4.10");
        byte[] bytes = Files.readAllBytes(good);
        Files.write(mc.resolve("plugins/Chunky.jar"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        InspectedJar r = inspect("Chunky.jar");

        assertThat(r.status()).isEqualTo(JarStatus.CORRUPT);
        assertThat(r.problem()).contains("not a valid jar");
        assertThat(r.sha256()).hasSize(64);
    }

    @Test
    void htmlPageSavedAsJarIsCorrupt() throws Exception {
        Files.createDirectories(mc.resolve("plugins"));
        Files.writeString(mc.resolve("plugins/download.jar"), "<!DOCTYPE html><html><body>Just a moment...</body></html>");

        assertThat(inspect("download.jar").status()).isEqualTo(JarStatus.CORRUPT);
    }

    @Test
    void jarWithoutDescriptorIsRecordedAsSuch() throws Exception {
        TestJars.jar(mc.resolve("plugins/lib.jar"), Map.of("com/example/Lib.class", "x"));

        InspectedJar r = inspect("lib.jar");

        assertThat(r.status()).isEqualTo(JarStatus.NO_DESCRIPTOR);
        assertThat(r.descriptor()).isNull();
    }

    @Test
    void brokenDescriptorNamesTheLine() throws Exception {
        TestJars.jar(mc.resolve("plugins/bad.jar"), Map.of("plugin.yml", "name: Bad\nversion: 1\n  main: [oops\n"));
        TestJars.jar(mc.resolve("plugins/noname.jar"), Map.of("plugin.yml", "version: 1\nmain: a.B\n"));

        InspectedJar bad = inspect("bad.jar");
        assertThat(bad.status()).isEqualTo(JarStatus.BAD_DESCRIPTOR);
        assertThat(bad.problem()).contains("plugin.yml").contains("line");
        assertThat(inspect("noname.jar").problem()).contains("has no 'name'");
    }

    @Test
    void vanishedFileIsTreatedAsRemoved() throws Exception {
        Files.createDirectories(mc.resolve("plugins"));
        LocalInstanceFiles files = new LocalInstanceFiles(mc, "test/Lobby01");

        assertThat(inspector.inspect(new WorkItem("test", "Lobby01", null, "gone.jar", 10), files)).isNull();
    }

    @Test
    void sameBytesOnAnotherInstanceReuseTheDescriptorButKeepTheirOwnItem() throws Exception {
        Path a = TestJars.plugin(mc.resolve("plugins/a.jar"), "Vault", "1.7.3");
        java.nio.file.Files.copy(a, mc.resolve("plugins/b.jar"));

        InspectedJar first = inspect("a.jar");
        InspectedJar second = inspect("b.jar");

        assertThat(second.item().fileName()).isEqualTo("b.jar");
        assertThat(second.descriptor()).isEqualTo(first.descriptor());
        assertThat(second.sha512()).isEqualTo(first.sha512());
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }
}
