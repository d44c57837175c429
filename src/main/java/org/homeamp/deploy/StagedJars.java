package org.homeamp.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.homeamp.config.HomeAmpSettings;
import org.homeamp.inventory.InspectedJar;
import org.homeamp.inventory.JarInspector;
import org.homeamp.inventory.JarStatus;
import org.homeamp.inventory.WorkItem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds the staged jar of a {@code plugin-update} row and checks, at deploy time, that it is still
 * the file the download step verified: same checksum as the source published, and a jar of the
 * right plugin.
 */
@Component
class StagedJars {
    private final JdbcTemplate jdbc;
    private final Path stateDir;

    StagedJars(JdbcTemplate jdbc, HomeAmpSettings settings) {
        this.jdbc = jdbc;
        this.stateDir = settings.stateDir();
    }

    /** A staged jar that passed the checks. {@code algorithm} is null for UNVERIFIED jars. */
    record StagedJar(Path file, String fileName, String algorithm, String checksum, String version) {
        boolean unverified() {
            return algorithm == null;
        }
    }

    /** Thrown with a sentence for the operator when the row cannot use a staged jar. */
    static final class NotStaged extends Exception {
        NotStaged(String message) {
            super(message);
        }
    }

    /** The newest staged jar recorded for the row, verified or not, or empty when the download step staged none. */
    java.util.Optional<StagedJar> locate(String server, String instance, String plugin, String version) {
        List<StagedJar> rows = jdbc.query("""
                SELECT staged_path, file_name, checksum_algorithm, checksum, latest FROM update_result
                 WHERE server = ? AND instance_name = ? AND plugin = ? AND latest = ? AND staged IN ('STAGED', 'UNVERIFIED')
                   AND staged_path IS NOT NULL
                 ORDER BY run_id DESC""",
                (rs, i) -> {
                    String algorithm = rs.getString(3);
                    boolean none = algorithm == null || "UNVERIFIED".equals(algorithm) || rs.getString(4) == null;
                    // The staging layout is fixed (<state-dir>/staging/<plugin>/<version>/<file>): only the file name is taken from
                    // the stored path, so a state dir that was moved or restored elsewhere (or a worker's) still finds its jars.
                    Path stored = Path.of(rs.getString(1));
                    int n = stored.getNameCount();
                    Path path = n < 3 ? stateDir.resolve(stored) : stagingDir().resolve(stored.subpath(n - 3, n));
                    return new StagedJar(path, stored.getFileName().toString(), none ? null : algorithm, none ? null : rs.getString(4),
                            rs.getString(5));
                },
                server, instance, plugin, version);
        return rows.stream().findFirst();
    }

    /** {@code <state-dir>/staging}. */
    Path stagingDir() {
        return stateDir.resolve("staging");
    }

    /** The path of a staged jar under {@code staging/}, as {@code deployment_jar} keys it ({@code <plugin>/<version>/<file>}). */
    String stagedPath(StagedJar jar) {
        return stagingDir().toAbsolutePath().normalize().relativize(jar.file().toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    StagedJar find(String server, String instance, String plugin, String version) throws NotStaged {
        StagedJar jar = locate(server, instance, plugin, version).orElseThrow(() -> new NotStaged(plugin + " " + version
                + " is not staged for " + server + "/" + instance
                + ". Fix: run 'homeamp run download --rerun', then approve the row in the new workbook"));
        if (!Files.isRegularFile(jar.file())) {
            fromShipment(jar);
        }
        if (!Files.isRegularFile(jar.file())) {
            throw new NotStaged("the staged jar " + stateDir.relativize(jar.file().toAbsolutePath()) + " is gone."
                    + " Fix: run 'homeamp run download --rerun', then approve the row in the new workbook");
        }
        verify(jar, plugin);
        return jar;
    }

    /**
     * On a worker host the staging folder is the manager's, not this one's: the manager shipped the jar
     * through the database when the deploy step started ({@code deployment_jar}). Its bytes are put in
     * place here (temp file, rename), checked against the sha256 the manager read; {@link #verify} then
     * checks them against the source's checksum as for a jar staged here.
     */
    private void fromShipment(StagedJar jar) throws NotStaged {
        String key = stagedPath(jar);
        List<byte[][]> shipped = jdbc.query("SELECT sha256, content FROM deployment_jar WHERE staged_path = ? ORDER BY shipped DESC",
                (rs, i) -> new byte[][] {rs.getString(1).getBytes(java.nio.charset.StandardCharsets.US_ASCII), rs.getBytes(2)}, key);
        if (shipped.isEmpty()) {
            return;
        }
        byte[] bytes = shipped.get(0)[1];
        String expected = new String(shipped.get(0)[0], java.nio.charset.StandardCharsets.US_ASCII);
        if (!Backups.sha256(bytes).equals(expected)) {
            throw new NotStaged("the staged jar " + key + " the manager shipped through the database does not have the sha256 it was shipped"
                    + " with; it was not used. Fix: run 'homeamp restart' (the manager ships it again)");
        }
        try {
            Path folder = jar.file().toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path tmp = Files.createTempFile(folder, "." + jar.fileName() + "-", ".tmp");
            try {
                Files.write(tmp, bytes);
                org.homeamp.config.AtomicFiles.moveIntoPlace(tmp, jar.file());
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot put the shipped jar " + key + " into " + stagingDir() + ": " + e.getMessage()
                    + ". Fix: check free space and permissions of the state dir, then run 'homeamp restart'", e);
        }
    }

    private void verify(StagedJar jar, String plugin) throws NotStaged {
        String shown = stateDir.toAbsolutePath().relativize(jar.file().toAbsolutePath()).toString();
        try {
            if (!jar.unverified()) {
                String actual = digest(jar.file(), jar.algorithm());
                if (!actual.equalsIgnoreCase(jar.checksum())) {
                    throw new NotStaged("the staged jar " + shown + " no longer has the " + jar.algorithm().toLowerCase(Locale.ROOT)
                            + " the source published (it was changed after it was verified). Fix: delete it, run"
                            + " 'homeamp run download --rerun' and approve the row in the new workbook");
                }
            }
            InspectedJar inspected = new JarInspector().inspect(new WorkItem("staging", plugin, null, jar.fileName(), Files.size(jar.file())),
                    new SingleJarView(jar.file()));
            if (inspected == null || inspected.status() != JarStatus.OK) {
                throw new NotStaged("the staged file " + shown + " is not a readable plugin jar ("
                        + (inspected == null ? "vanished" : inspected.problem()) + ")");
            }
            if (!inspected.descriptor().name().equalsIgnoreCase(plugin)) {
                throw new NotStaged("the staged file " + shown + " is the plugin '" + inspected.descriptor().name() + "', not '" + plugin + "'");
            }
        } catch (IOException e) {
            throw new NotStaged("the staged jar " + shown + " cannot be read: " + e.getMessage());
        }
    }

    static String digest(Path file, String algorithm) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance(javaName(algorithm));
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("unknown checksum algorithm " + algorithm, e);
        }
    }

    private static String javaName(String algorithm) {
        return switch (algorithm.toUpperCase(Locale.ROOT)) {
            case "SHA512" -> "SHA-512";
            case "SHA256" -> "SHA-256";
            case "SHA1" -> "SHA-1";
            default -> algorithm;
        };
    }
}
