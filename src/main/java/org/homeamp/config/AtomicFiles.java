package org.homeamp.config;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Whole-file writes that never leave half a file: a temp file first, then an atomic rename into place. */
public final class AtomicFiles {
    /** Folders (the state dir) whose files are shared with the operators' group, and the mode they get. */
    private static final Map<Path, Set<PosixFilePermission>> SHARED = new ConcurrentHashMap<>();

    private AtomicFiles() {
    }

    /**
     * Files moved into place under {@code root} get {@code mode}: temp files are created owner-only, so a
     * workbook or mail would otherwise be 0600 beside the pages that link to it.
     */
    public static void shareWithGroupUnder(Path root, Set<PosixFilePermission> mode) {
        SHARED.put(root.toAbsolutePath().normalize(), Set.copyOf(mode));
    }

    /** Replaces {@code target} by {@code tmp}; both in one folder, so the rename is atomic where the file system allows. */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        applySharedMode(target);
    }

    private static void applySharedMode(Path target) throws IOException {
        if (SHARED.isEmpty() || !Files.isRegularFile(target)) {
            return;
        }
        Path absolute = target.toAbsolutePath().normalize();
        for (Map.Entry<Path, Set<PosixFilePermission>> shared : SHARED.entrySet()) {
            if (absolute.startsWith(shared.getKey())) {
                Files.setPosixFilePermissions(absolute, shared.getValue());
                return;
            }
        }
    }

    /** Writes text through a temp file beside {@code target}, then renames it into place. */
    public static void writeString(Path target, String text) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path tmp = Files.createTempFile(folder, "." + target.getFileName() + "-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp); Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                w.write(text);
            }
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Deletes a folder with everything in it; a missing folder is fine. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
