package org.homeamp.demo.ampsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.homeamp.testing.FakeAmp;
import org.homeamp.testing.SimHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class AmpSimulatorFileManagerTest {

    private static final int MIB = 1 << 20;

    @RegisterExtension
    final FakeAmp fake = FakeAmp.hetzner(300, 200);

    private AmpSimulator sim;
    private AmpCalls amp;
    private String session;
    private Path minecraft;
    private final String files = AmpCalls.proxied(SimHosts.LOBBY_ID) + "FileManagerPlugin/";

    @BeforeEach
    void start() throws Exception {
        minecraft = fake.hostDir().resolve("instances/Lobby01/Minecraft");
        sim = fake.simulator();
        amp = new AmpCalls(sim.baseUrl());
        session = amp.session(AmpCalls.proxied(SimHosts.LOBBY_ID));
    }


    @Test
    void rootListingShowsTheMinecraftFolderWithDirectoriesFirst() throws Exception {
        JsonNode root = amp.call(files + "GetDirectoryListing", session, Map.of("Dir", ""));
        JsonNode plugins = amp.call(files + "GetDirectoryListing", session, Map.of("Dir", "plugins"));

        assertThat(root).hasSize(2);
        assertThat(root.get(0).path("Filename").asString()).isEqualTo("plugins");
        assertThat(root.get(0).path("IsDirectory").asBoolean()).isTrue();
        JsonNode properties = root.get(1);
        assertThat(properties.path("Filename").asString()).isEqualTo("server.properties");
        assertThat(properties.path("SizeBytes").asLong()).isEqualTo(Files.size(minecraft.resolve("server.properties")));
        assertThat(properties.path("IsEditable").asBoolean()).isTrue();
        assertThat(properties.path("IsVirtualDirectory").asBoolean()).isFalse();
        assertThat(properties.path("Modified").asString()).matches("/Date\\(\\d+\\)/");
        for (String key : new String[] {"IsDownloadable", "IsArchive", "IsExcludedFromBackups", "Created"}) {
            assertThat(properties.has(key)).as(key).isTrue();
        }
        assertThat(plugins).extracting(e -> e.path("Filename").asString())
                .containsExactly("LuckPerms", "EssentialsX-2.20.1.jar", "LuckPerms-Bukkit-5.4.102.jar");
    }

    @Test
    void missingDirectoryIsAFault() throws Exception {
        JsonNode reply = amp.call(files + "GetDirectoryListing", session, Map.of("Dir", "nope"));

        assertThat(reply.path("Title").asString()).isEqualTo("Directory not found");
    }

    @Test
    void threeMebibyteFileRoundTripsInChunks() throws Exception {
        byte[] original = new byte[3 * MIB + 123];
        new Random(42).nextBytes(original);

        for (int offset = 0; offset < original.length; offset += MIB) {
            int length = Math.min(MIB, original.length - offset);
            byte[] chunk = java.util.Arrays.copyOfRange(original, offset, offset + length);
            JsonNode written = amp.call(files + "WriteFileChunk", session, Map.of("Filename", "plugins/big.jar",
                    "Data", Base64.getEncoder().encodeToString(chunk), "Offset", offset,
                    "FinalChunk", offset + length == original.length));
            assertThat(written.path("Status").asBoolean()).isTrue();
        }
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        long offset = 0;
        while (true) {
            JsonNode chunk = amp.call(files + "ReadFileChunk", session,
                    Map.of("Filename", "plugins/big.jar", "Offset", offset, "ChunkSize", MIB));
            assertThat(chunk.path("Status").asBoolean()).isTrue();
            byte[] bytes = Base64.getDecoder().decode(chunk.path("Result").asString());
            if (bytes.length == 0) {
                break;
            }
            read.write(bytes);
            offset += bytes.length;
        }

        assertThat(read.toByteArray()).isEqualTo(original);
        assertThat(Files.readAllBytes(minecraft.resolve("plugins/big.jar"))).isEqualTo(original);
    }

    @Test
    void writeAtOffsetZeroTruncatesAndChunkSizeIsCappedAtFourMebibytes() throws Exception {
        Files.write(minecraft.resolve("big.bin"), new byte[5 * MIB]);
        amp.call(files + "WriteFileChunk", session, Map.of("Filename", "server.properties",
                "Data", Base64.getEncoder().encodeToString("motd=new\n".getBytes()), "Offset", 0, "FinalChunk", true));

        JsonNode capped = amp.call(files + "ReadFileChunk", session,
                Map.of("Filename", "big.bin", "Offset", 0, "ChunkSize", 8 * MIB));
        Map<String, Object> noSize = new HashMap<>(Map.of("Filename", "big.bin", "Offset", 0));
        JsonNode defaulted = amp.call(files + "ReadFileChunk", session, noSize);

        assertThat(Files.readString(minecraft.resolve("server.properties"))).isEqualTo("motd=new\n");
        assertThat(Base64.getDecoder().decode(capped.path("Result").asString())).hasSize(4 * MIB);
        assertThat(Base64.getDecoder().decode(defaulted.path("Result").asString())).hasSize(MIB);
    }

    @Test
    void renameOntoAnExistingFileIsRefused() throws Exception {
        Files.writeString(minecraft.resolve("bukkit.yml"), "settings: {}\n");

        JsonNode refused = amp.call(files + "RenameFile", session,
                Map.of("Filename", "bukkit.yml", "NewFilename", "server.properties"));
        JsonNode renamed = amp.call(files + "RenameFile", session,
                Map.of("Filename", "bukkit.yml", "NewFilename", "bukkit.yml.bak"));

        assertThat(refused.path("Status").asBoolean()).isFalse();
        assertThat(refused.path("Reason").asString()).isEqualTo("A file with that name already exists");
        assertThat(renamed.path("Status").asBoolean()).isTrue();
        assertThat(minecraft.resolve("bukkit.yml.bak")).exists();
    }

    @Test
    void pathsOutsideTheInstanceAreRefused() throws Exception {
        Files.writeString(fake.hostsDir().resolve("secret.txt"), "nope");

        JsonNode dotDot = amp.call(files + "ReadFileChunk", session,
                Map.of("Filename", "../../../../secret.txt", "Offset", 0));
        JsonNode absolute = amp.call(files + "WriteFileChunk", session, Map.of("Filename", "/tmp/evil",
                "Data", "", "Offset", 0, "FinalChunk", true));
        JsonNode listing = amp.call(files + "GetDirectoryListing", session, Map.of("Dir", "plugins/../.."));

        for (JsonNode reply : new JsonNode[] {dotDot, absolute, listing}) {
            assertThat(reply.path("Status").asBoolean()).isFalse();
            assertThat(reply.path("Reason").asString()).isEqualTo("Invalid path");
        }
    }

    @Test
    void trashMovesTheFileIntoTheHostTrashAndCreateDirectoryMakesFolders() throws Exception {
        JsonNode trashed = amp.call(files + "TrashFile", session, Map.of("Filename", "plugins/LuckPerms/config.yml"));
        JsonNode created = amp.call(files + "CreateDirectory", session, Map.of("NewPath", "plugins/Fresh"));
        JsonNode orphan = amp.call(files + "CreateDirectory", session, Map.of("NewPath", "a/b/c"));

        assertThat(trashed.path("Status").asBoolean()).isTrue();
        assertThat(minecraft.resolve("plugins/LuckPerms/config.yml")).doesNotExist();
        assertThat(fake.hostsDir().resolve("hetzner/trash/Lobby01/plugins/LuckPerms/config.yml")).hasContent("server: lobby");
        assertThat(created.path("Status").asBoolean()).isTrue();
        assertThat(minecraft.resolve("plugins/Fresh")).isDirectory();
        assertThat(orphan.path("Status").asBoolean()).isFalse();
    }
}
