package org.homeamp.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.homeamp.testing.LocalSpecialFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Only regular files are read: a named pipe is refused at once instead of blocking the scan for ever. */
class LocalSpecialFilesTest {
    @TempDir
    Path instance;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void namedPipeIsRefusedNamingThePathAndWhatItIs() throws Exception {
        Path mc = Files.createDirectories(instance.resolve("Minecraft/config"));
        Path pipe = mkfifo(mc.resolve("paper-global.yml"));
        LocalInstanceFiles files = new LocalInstanceFiles(mc.getParent(), "hetzner/Lobby01");

        assertThatThrownBy(() -> files.open("config/paper-global.yml"))
                .isInstanceOfSatisfying(SpecialFileException.class, e -> assertThat(e.kind()).isEqualTo("a named pipe (FIFO)"))
                .hasMessageContaining("hetzner/Lobby01:config/paper-global.yml")
                .hasMessageContaining("named pipe");
        assertThatThrownBy(() -> files.read("config/paper-global.yml")).isInstanceOf(SpecialFileException.class);
        assertThat(pipe).exists();
    }

    @Test
    void directoryWhereAFileIsExpectedIsRefused() throws Exception {
        Path mc = Files.createDirectories(instance.resolve("Minecraft/plugins/x.jar"));
        LocalInstanceFiles files = new LocalInstanceFiles(mc.getParent().getParent(), "hetzner/Lobby01");

        assertThatThrownBy(() -> files.open("plugins/x.jar")).isInstanceOf(SpecialFileException.class).hasMessageContaining("a directory");
    }

    @Test
    void symlinkLeavingTheInstanceIsRefused() throws Exception {
        Path mc = Files.createDirectories(instance.resolve("Minecraft"));
        Path outside = Files.writeString(instance.resolve("secret.txt"), "x");
        Files.createSymbolicLink(mc.resolve("server.properties"), outside);
        LocalInstanceFiles files = new LocalInstanceFiles(mc, "hetzner/Lobby01");

        assertThatThrownBy(() -> files.read("server.properties")).isInstanceOf(InstancePathException.class).hasMessageContaining("outside");
    }

    @Test
    void readThatGetsNoDataInTimeFails() throws Exception {
        Path mc = Files.createDirectories(instance.resolve("Minecraft"));
        Path pipe = mkfifo(mc.resolve("slow.yml"));
        // opened for writing elsewhere so that the open for reading returns, but nothing is ever written
        Thread writer = new Thread(() -> {
            try (var out = Files.newOutputStream(pipe)) {
                Thread.sleep(Long.MAX_VALUE);
            } catch (Exception ignored) {
                // interrupted at the end of the test
            }
        });
        writer.setDaemon(true);
        writer.start();
        try (var in = new TimedInputStream(Files.newInputStream(pipe), "hetzner/Lobby01:slow.yml", Duration.ofMillis(300))) {
            assertThatThrownBy(in::read).isInstanceOf(java.io.InterruptedIOException.class).hasMessageContaining("no data within");
        } finally {
            writer.interrupt();
        }
    }

    private static Path mkfifo(Path path) throws Exception {
        return LocalSpecialFiles.mkfifo(path);
    }
}
