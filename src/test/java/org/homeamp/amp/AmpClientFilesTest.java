package org.homeamp.amp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FileManagerPlugin calls: listing, chunked base64 reads and writes, rename, trash. */
class AmpClientFilesTest {
    private static final String INSTANCE = "8d3c7a52-1f0e-4c55-9f1a-2b7d5e6c9a01";
    private static final int MIB = 1024 * 1024;

    private MockAmp amp;
    private AmpClient client;

    @BeforeEach
    void start() throws Exception {
        amp = new MockAmp();
        client = amp.client();
    }

    @AfterEach
    void stop() {
        client.close();
        amp.close();
    }

    private static byte[] randomBytes(int size) {
        byte[] data = new byte[size];
        new Random(42).nextBytes(data);
        return data;
    }

    @Test
    void listingReadsEntriesAndBothDateFormats() {
        amp.onJson(INSTANCE, "FileManagerPlugin/GetDirectoryListing", """
                [{"Filename":"server.properties","IsDirectory":false,"SizeBytes":1234,"Modified":"/Date(1722527400266)/","IsEditable":true},
                 {"Filename":"plugins","IsDirectory":true,"SizeBytes":0,"Modified":"2024-08-01T15:50:00.266Z"},
                 {"Filename":"eula.txt","SizeBytes":9},
                 {"IsDirectory":false}]
                """);

        List<AmpFileEntry> entries = client.listDirectory(INSTANCE, "");

        assertThat(entries).containsExactly(
                new AmpFileEntry("server.properties", false, 1234, Instant.ofEpochMilli(1722527400266L)),
                new AmpFileEntry("plugins", true, 0, Instant.parse("2024-08-01T15:50:00.266Z")),
                new AmpFileEntry("eula.txt", false, 9, null));
        assertThat(amp.calls(INSTANCE, "FileManagerPlugin/GetDirectoryListing").get(0).text("Dir")).isEmpty();
    }

    @Test
    void datesWithOffsetOrWithoutZoneAreRead() {
        assertThat(AmpReplies.parseDate("/Date(1722527400266+0200)/")).isEqualTo(Instant.ofEpochMilli(1722527400266L));
        assertThat(AmpReplies.parseDate("2024-08-01T15:50:00")).isEqualTo(Instant.parse("2024-08-01T15:50:00Z"));
        assertThat(AmpReplies.parseDate("yesterday")).isNull();
    }

    @Test
    void largeFileIsReadInOneMebibyteChunksUntilAShortOne() throws Exception {
        byte[] content = randomBytes(2 * MIB + MIB / 2);
        amp.files.put("plugins/Big.jar", content);

        byte[] read;
        try (InputStream in = client.openFile(INSTANCE, "plugins/Big.jar")) {
            read = in.readAllBytes();
        }

        assertThat(read).isEqualTo(content);
        List<MockAmp.Call> chunks = amp.calls(INSTANCE, "FileManagerPlugin/ReadFileChunk");
        assertThat(chunks).extracting(c -> c.body().path("Offset").asLong()).containsExactly(0L, (long) MIB, 2L * MIB);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.text("Filename")).isEqualTo("plugins/Big.jar");
            assertThat(c.body().path("ChunkSize").asLong()).isEqualTo(MIB);
        });
    }

    @Test
    void fileOfExactlyOneChunkEndsOnAnEmptyChunk() {
        byte[] content = randomBytes(MIB);
        amp.files.put("world.zip", content);

        assertThat(client.readFile(INSTANCE, "world.zip")).isEqualTo(content);
        assertThat(amp.calls(INSTANCE, "FileManagerPlugin/ReadFileChunk")).hasSize(2);
    }

    @Test
    void missingFileFailsWhenOpened() {
        assertThatThrownBy(() -> client.openFile(INSTANCE, "nope.yml"))
                .isInstanceOf(AmpException.ActionFailed.class)
                .hasMessageContaining("FileManagerPlugin/ReadFileChunk")
                .hasMessageContaining("Could not find file");
    }

    @Test
    void largeFileIsWrittenInBase64ChunksWithOffsetsAndFinalChunk() {
        byte[] content = randomBytes(2 * MIB + 17);

        client.writeFile(INSTANCE, "plugins/New.jar", content);

        List<MockAmp.Call> chunks = amp.calls(INSTANCE, "FileManagerPlugin/WriteFileChunk");
        assertThat(chunks).extracting(c -> c.body().path("Offset").asLong()).containsExactly(0L, (long) MIB, 2L * MIB);
        assertThat(chunks).extracting(c -> c.body().path("FinalChunk").asBoolean()).containsExactly(false, false, true);
        assertThat(Base64.getDecoder().decode(chunks.get(2).text("Data"))).hasSize(17);
        assertThat(amp.files.get("plugins/New.jar")).isEqualTo(content);
    }

    @Test
    void emptyFileIsOneFinalChunk() {
        client.writeFile(INSTANCE, "banned-ips.json", new byte[0]);

        assertThat(amp.calls(INSTANCE, "FileManagerPlugin/WriteFileChunk")).singleElement().satisfies(c -> {
            assertThat(c.text("Data")).isEmpty();
            assertThat(c.body().path("Offset").asLong()).isZero();
            assertThat(c.body().path("FinalChunk").asBoolean()).isTrue();
        });
        assertThat(amp.files.get("banned-ips.json")).isEmpty();
    }

    @Test
    void renameSendsTheNewNameAndTrashSendsThePath() {
        amp.files.put("plugins/Old.jar", new byte[] {1});

        client.renameFile(INSTANCE, "plugins/Old.jar", "Old.jar.disabled");
        client.trashFile(INSTANCE, "plugins/Old.jar.disabled");

        MockAmp.Call rename = amp.calls(INSTANCE, "FileManagerPlugin/RenameFile").get(0);
        assertThat(rename.text("Filename")).isEqualTo("plugins/Old.jar");
        assertThat(rename.text("NewFilename")).isEqualTo("Old.jar.disabled");
        assertThat(amp.calls(INSTANCE, "FileManagerPlugin/TrashFile").get(0).text("Filename")).isEqualTo("plugins/Old.jar.disabled");
        assertThat(amp.files).isEmpty();
    }
}
