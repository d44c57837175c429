package org.homeamp.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalInstanceFilesTest {
    @TempDir
    Path instance;

    @Test
    void writeReplacesAtomicallyAndKeepsTheMode() throws Exception {
        Path mc = Files.createDirectories(instance.resolve("Minecraft"));
        Path cfg = mc.resolve("server.properties");
        Files.writeString(cfg, "motd=old\n");
        Files.setPosixFilePermissions(cfg, PosixFilePermissions.fromString("rw-rw----"));
        LocalInstanceFiles files = new LocalInstanceFiles(mc, "hetzner/Lobby01");

        files.write("server.properties", "motd=new\n".getBytes());

        assertThat(Files.readString(cfg)).isEqualTo("motd=new\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cfg))).isEqualTo("rw-rw----");
        try (var s = Files.list(mc)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("server.properties");
        }
    }

    @Test
    void writeCreatesMissingFolders() throws Exception {
        LocalInstanceFiles files = new LocalInstanceFiles(Files.createDirectories(instance.resolve("Minecraft")), "x");

        files.write("plugins/Essentials/config.yml", "a: 1\n".getBytes());

        assertThat(files.read("plugins/Essentials/config.yml")).isEqualTo("a: 1\n".getBytes());
        assertThat(files.list("plugins")).extracting(InstanceFiles.Entry::path, InstanceFiles.Entry::directory)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("plugins/Essentials", true));
    }

    @Test
    void pathsLeavingTheMinecraftFolderAreRefused() throws Exception {
        Path mc = Files.createDirectories(instance.resolve("Minecraft"));
        Files.writeString(instance.resolve("AMPConfig.conf"), "secret");
        LocalInstanceFiles files = new LocalInstanceFiles(mc, "x");

        assertThatThrownBy(() -> files.read("../AMPConfig.conf")).isInstanceOf(InstancePathException.class).hasMessageContaining("..");
        assertThatThrownBy(() -> files.read("/etc/passwd")).isInstanceOf(InstancePathException.class).hasMessageContaining("absolute");
        assertThatThrownBy(() -> files.write("plugins/../../x", new byte[0])).isInstanceOf(InstancePathException.class);
        assertThatThrownBy(() -> files.read("C:\\Windows\\x")).isInstanceOf(InstancePathException.class);
    }

    @Test
    void symlinkOutOfTheFolderIsRefused() throws Exception {
        Path mc = Files.createDirectories(instance.resolve("Minecraft"));
        Path outside = Files.writeString(instance.resolve("outside.txt"), "nope");
        Files.createSymbolicLink(mc.resolve("link.txt"), outside);
        LocalInstanceFiles files = new LocalInstanceFiles(mc, "x");

        assertThatThrownBy(() -> files.read("link.txt")).isInstanceOf(InstancePathException.class).hasMessageContaining("outside");
    }

    @Test
    void listOfMissingFolderIsEmpty() throws Exception {
        LocalInstanceFiles files = new LocalInstanceFiles(Files.createDirectories(instance.resolve("Minecraft")), "x");

        assertThat(files.list("plugins")).isEmpty();
    }

    @Test
    void normalizeDropsDotsAndBackslashes() throws Exception {
        assertThat(InstancePaths.normalize("./plugins\\Essentials//config.yml")).isEqualTo("plugins/Essentials/config.yml");
        assertThat(InstancePaths.normalize("")).isEmpty();
    }
}
