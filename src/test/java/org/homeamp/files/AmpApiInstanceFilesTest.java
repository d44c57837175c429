package org.homeamp.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import mockwebserver3.MockResponse;
import org.homeamp.amp.AmpClient;
import org.homeamp.amp.AmpException;
import org.homeamp.amp.MockAmp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The InstanceFiles port over AMP's FileManager, against a fake AMP with an in-memory Minecraft/ folder. */
class AmpApiInstanceFilesTest {
    private static final String INSTANCE = "8d3c7a52-1f0e-4c55-9f1a-2b7d5e6c9a01";

    private MockAmp amp;
    private AmpClient client;
    private AmpApiInstanceFiles files;

    @BeforeEach
    void start() throws Exception {
        amp = new MockAmp();
        client = amp.client();
        files = new AmpApiInstanceFiles(client, "hetzner", INSTANCE, "Survival01");
    }

    @AfterEach
    void stop() {
        client.close();
        amp.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void describeNamesServerAndInstance() {
        assertThat(files.describe()).isEqualTo("hetzner/Survival01");
    }

    @Test
    void listMapsEntriesRelativeToMinecraftSortedByName() throws Exception {
        amp.files.put("plugins/Zeta.jar", new byte[3]);
        amp.files.put("plugins/Alpha.jar", new byte[5]);
        amp.files.put("plugins/Alpha/config.yml", new byte[1]);

        assertThat(files.list("plugins/")).containsExactly(
                new InstanceFiles.Entry("plugins/Alpha", "Alpha", true, 0),
                new InstanceFiles.Entry("plugins/Alpha.jar", "Alpha.jar", false, 5),
                new InstanceFiles.Entry("plugins/Zeta.jar", "Zeta.jar", false, 3));
        assertThat(files.list("")).containsExactly(new InstanceFiles.Entry("plugins", "plugins", true, 0));
    }

    @Test
    void listOfAMissingFolderIsEmpty() throws Exception {
        amp.files.put("plugins/Alpha.jar", new byte[5]);

        assertThat(files.list("plugins/Alpha")).isEmpty();
    }

    @Test
    void readOpenAndExists() throws Exception {
        amp.files.put("server.properties", utf8("motd=hi\n"));

        assertThat(files.read("./server.properties")).isEqualTo(utf8("motd=hi\n"));
        try (InputStream in = files.open("server.properties")) {
            assertThat(in.readAllBytes()).isEqualTo(utf8("motd=hi\n"));
        }
        assertThat(files.exists("server.properties")).isTrue();
        assertThat(files.exists("bukkit.yml")).isFalse();
        assertThat(files.exists("config/paper-global.yml")).isFalse();
    }

    @Test
    void replacingAFileWritesTempMovesOldAsideRenamesAndTrashesOld() throws Exception {
        amp.files.put("plugins/Essentials/config.yml", utf8("old: true\n"));

        files.write("plugins\\Essentials\\config.yml", utf8("new: true\n"));

        assertThat(amp.fileOps).containsExactly(
                "WriteFileChunk plugins/Essentials/.config.yml.homeamp-tmp @0 final",
                "RenameFile plugins/Essentials/config.yml -> .config.yml.homeamp-old",
                "RenameFile plugins/Essentials/.config.yml.homeamp-tmp -> config.yml",
                "TrashFile plugins/Essentials/.config.yml.homeamp-old");
        assertThat(amp.files).containsOnlyKeys("plugins/Essentials/config.yml");
        assertThat(amp.files.get("plugins/Essentials/config.yml")).isEqualTo(utf8("new: true\n"));
    }

    @Test
    void newFileIsWrittenToTempThenRenamed() throws Exception {
        files.write("ops.json", utf8("[]"));

        assertThat(amp.fileOps).containsExactly(
                "WriteFileChunk .ops.json.homeamp-tmp @0 final",
                "RenameFile .ops.json.homeamp-tmp -> ops.json");
        assertThat(amp.files.get("ops.json")).isEqualTo(utf8("[]"));
    }

    @Test
    void failedUploadLeavesTheTargetUntouched() {
        amp.files.put("server.properties", utf8("motd=old\n"));
        amp.on(INSTANCE, "FileManagerPlugin/WriteFileChunk", c -> MockAmp.ok("{\"Status\":false,\"Reason\":\"Disk full\"}"));

        assertThatThrownBy(() -> files.write("server.properties", utf8("motd=new\n")))
                .isInstanceOf(AmpException.ActionFailed.class).hasMessageContaining("Disk full");

        assertThat(amp.files.get("server.properties")).isEqualTo(utf8("motd=old\n"));
        assertThat(amp.calls(INSTANCE, "FileManagerPlugin/RenameFile")).isEmpty();
    }

    @Test
    void crashBetweenTheRenamesIsRepairedByTheNextWrite() throws Exception {
        // A crash after "target -> .old" and before "tmp -> target" leaves exactly this behind.
        amp.files.put(".bukkit.yml.homeamp-old", utf8("old"));
        amp.files.put(".bukkit.yml.homeamp-tmp", utf8("ne"));

        files.write("bukkit.yml", utf8("new"));

        assertThat(amp.fileOps).containsExactly(
                "TrashFile .bukkit.yml.homeamp-tmp",
                "RenameFile .bukkit.yml.homeamp-old -> bukkit.yml",
                "WriteFileChunk .bukkit.yml.homeamp-tmp @0 final",
                "RenameFile bukkit.yml -> .bukkit.yml.homeamp-old",
                "RenameFile .bukkit.yml.homeamp-tmp -> bukkit.yml",
                "TrashFile .bukkit.yml.homeamp-old");
        assertThat(amp.files).containsOnlyKeys("bukkit.yml");
        assertThat(amp.files.get("bukkit.yml")).isEqualTo(utf8("new"));
    }

    @Test
    void renameWithinAFolderAndTrash() throws Exception {
        amp.files.put("plugins/Old.jar", new byte[1]);

        files.rename("plugins/Old.jar", "plugins/Old.jar.off");
        files.trash("plugins/Old.jar.off");

        assertThat(amp.fileOps).containsExactly("RenameFile plugins/Old.jar -> Old.jar.off", "TrashFile plugins/Old.jar.off");
    }

    @Test
    void renameAcrossFoldersIsRefused() {
        assertThatThrownBy(() -> files.rename("plugins/A.jar", "A.jar"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("hetzner/Survival01")
                .hasMessageContaining("within one folder");
        assertThat(amp.calls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../AMPConfig.conf", "/etc/passwd", "plugins/../../Backups/x.zip", "C:\\Windows\\win.ini"})
    void pathsLeavingMinecraftAreRefusedWithoutCallingAmp(String path) {
        assertThatThrownBy(() -> files.write(path, new byte[1])).isInstanceOf(InstancePathException.class);
        assertThatThrownBy(() -> files.read(path)).isInstanceOf(InstancePathException.class);
        assertThatThrownBy(() -> files.list(path)).isInstanceOf(InstancePathException.class);
        assertThatThrownBy(() -> files.trash(path)).isInstanceOf(InstancePathException.class);
        assertThatThrownBy(() -> files.rename("ok.yml", path)).isInstanceOf(InstancePathException.class);
        assertThat(amp.calls()).isEmpty();
    }

    @Test
    void theMinecraftFolderItselfIsNoFile() {
        assertThatThrownBy(() -> files.write("./", new byte[1])).isInstanceOf(InstancePathException.class);
    }

    @Test
    void ampOutageSurfacesAsUnreachable() {
        amp.on(INSTANCE, "FileManagerPlugin/GetDirectoryListing", c -> new MockResponse.Builder().code(504).body("Gateway Timeout").build());

        assertThatThrownBy(() -> files.list("plugins")).isInstanceOf(AmpException.Unreachable.class).hasMessageContaining("HTTP 504");
    }
}
