package org.homeamp.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.homeamp.config.AtomicFiles;
import org.homeamp.files.InstancePaths;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The files of a deployment in the state dir:
 * <ul>
 * <li>{@code backups/<ID>/<server>/<instance>/<path>}: each touched file as it was before (SPEC §10.2),
 *     with {@code backups/<ID>/<server>/<instance>.manifest.json} listing path, action, sha256 before and
 *     after, mode and owner;</li>
 * <li>{@code deployments/<ID>/<server>/<instance>/<path>}: each file as it will be after, prepared
 *     before the first write, so a resumed deploy writes exactly the bytes it verified.</li>
 * </ul>
 * Every file here is written through a temp file and a rename and synced, and a backup is never
 * overwritten: a second backup of a file that is already saved keeps the first.
 */
final class Backups {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path stateDir;

    Backups(Path stateDir) {
        this.stateDir = stateDir;
    }

    /** {@code <state-dir>/backups}. */
    Path backupsDir() {
        return stateDir.resolve("backups");
    }

    Path backupRoot(String deploymentId) {
        return backupsDir().resolve(deploymentId);
    }

    /** {@code backups/<ID>/<server>/<instance>}: the backed-up files of one instance. */
    Path instanceBackupDir(String id, String server, String instance) {
        return backupRoot(id).resolve(server).resolve(instance);
    }

    /** {@code backups/<ID>/<server>/<instance>.manifest.json}. */
    Path manifestFile(String id, String server, String instance) {
        return backupRoot(id).resolve(server).resolve(instance + ".manifest.json");
    }

    /** {@code deployments/<ID>}: the prepared "after" files of a deployment. */
    Path preparedRoot(String id) {
        return stateDir.resolve("deployments").resolve(id);
    }

    /** A path under the state dir as messages show it ({@code backups/D-20261203-1/hetzner/Lobby01}). */
    String shown(Path p) {
        return stateDir.toAbsolutePath().relativize(p.toAbsolutePath()).toString();
    }

    Path backupFile(String id, String server, String instance, String path) {
        return backupRoot(id).resolve(server).resolve(instance).resolve(safe(path));
    }

    Path preparedFile(String id, String server, String instance, String path) {
        return preparedRoot(id).resolve(server).resolve(instance).resolve(safe(path));
    }

    /** Saves the "before" bytes once; an existing backup with the same hash is kept, another one is an error. */
    void saveBackup(String id, String server, String instance, String path, byte[] bytes) throws IOException {
        Path target = backupFile(id, server, instance, path);
        if (Files.exists(target)) {
            if (sha256(Files.readAllBytes(target)).equals(sha256(bytes))) {
                return;
            }
            throw new IOException("the backup " + stateDir.relativize(target) + " exists with other content; it is never overwritten."
                    + " Fix: look at the file; if the instance is as it was before the deployment, move the backup aside and run 'homeamp restart'");
        }
        write(target, bytes);
    }

    /** The backed-up bytes of a file, checked against the manifest's hash. */
    byte[] readBackup(String id, String server, String instance, String path, String expectedSha256) throws IOException {
        Path file = backupFile(id, server, instance, path);
        if (!Files.isRegularFile(file)) {
            throw new IOException("the backup " + stateDir.relativize(file) + " is missing. Fix: restore the state dir's backups/" + id
                    + " folder from your own backups; nothing was restored");
        }
        byte[] bytes = Files.readAllBytes(file);
        if (!sha256(bytes).equals(expectedSha256)) {
            throw new IOException("the backup " + stateDir.relativize(file) + " does not match its manifest (sha256 " + sha256(bytes)
                    + ", manifest " + expectedSha256 + "). Nothing was restored from it");
        }
        return bytes;
    }

    void savePrepared(String id, String server, String instance, String path, byte[] bytes) throws IOException {
        write(preparedFile(id, server, instance, path), bytes);
    }

    byte[] readPrepared(String id, String server, String instance, String path, String expectedSha256) throws IOException {
        Path file = preparedFile(id, server, instance, path);
        byte[] bytes = Files.readAllBytes(file);
        if (!sha256(bytes).equals(expectedSha256)) {
            throw new IOException("the prepared file " + stateDir.relativize(file) + " does not match the manifest; nothing was written."
                    + " Fix: run the deploy again from the workbook");
        }
        return bytes;
    }

    /** Writes the instance's manifest beside its backup folder (for people and for disaster recovery; the database is authoritative). */
    void writeManifest(String id, String server, String instance, List<ManifestFile> files) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("deployment", id);
        doc.put("server", server);
        doc.put("instance", instance);
        doc.put("files", files.stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", f.path());
            m.put("action", f.action().name());
            m.put("sha256_before", f.sha256Before());
            m.put("sha256_after", f.sha256After());
            m.put("size_before", f.sizeBefore());
            m.put("mode_before", f.modeBefore());
            m.put("owner_before", f.ownerBefore());
            return m;
        }).toList());
        Path target = manifestFile(id, server, instance);
        AtomicFiles.writeString(target, JSON.writeValueAsString(doc) + "\n");
    }

    private static String safe(String path) {
        try {
            return InstancePaths.normalize(path);
        } catch (org.homeamp.files.InstancePathException e) {
            throw new IllegalArgumentException("refusing a path that leaves the instance: " + path, e);
        }
    }

    private static void write(Path target, byte[] bytes) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path tmp = Files.createTempFile(folder, "." + target.getFileName() + "-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                out.write(bytes);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            AtomicFiles.moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String sha256(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
