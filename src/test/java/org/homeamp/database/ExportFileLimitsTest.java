package org.homeamp.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.homeamp.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A foreign or damaged export cannot make {@code homeamp db import} hold an unbounded manifest or row in memory. */
class ExportFileLimitsTest {
    @TempDir
    Path tmp;

    @Test
    void linesUpToTheLimitAreReadAndALongerOneIsRefusedWithTheTableNamed() throws Exception {
        BufferedReader ok = new BufferedReader(new StringReader("[1,\"a\"]\n\n[2,\"b\"]"));
        assertThat(DatabaseValues.boundedLine(ok, 10, "t")).isEqualTo("[1,\"a\"]");
        assertThat(DatabaseValues.boundedLine(ok, 10, "t")).isEmpty();
        assertThat(DatabaseValues.boundedLine(ok, 10, "t")).isEqualTo("[2,\"b\"]");
        assertThat(DatabaseValues.boundedLine(ok, 10, "t")).isNull();

        BufferedReader tooLong = new BufferedReader(new StringReader("[\"" + "x".repeat(64) + "\"]\n"));
        assertThatThrownBy(() -> DatabaseValues.boundedLine(tooLong, 32, "plugin_jar")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("tables/plugin_jar.jsonl has a line longer than").hasMessageContaining("Fix: export again");
    }

    @Test
    void aManifestLargerThanAnyExportIsRefusedBeforeItIsRead() throws Exception {
        Path zip = tmp.resolve("foreign.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("manifest.json"));
            byte[] spaces = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            z.write("{\"format\":\"homeamp-db-export\",".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 20; i++) {
                z.write(spaces);
            }
            z.write("}".getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
        }
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:limits;DB_CLOSE_DELAY=-1", "sa", "");

        assertThatThrownBy(() -> new DatabaseTransfer(ds).importFrom(zip, false)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("manifest.json is larger than 1024 KiB").hasMessageContaining("Fix:");
    }
}
