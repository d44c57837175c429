package org.homeamp.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.homeamp.config.AtomicFiles;

/**
 * The file modes of the state dir: the dir itself {@code 0750} (the group is for operators who read
 * reports), {@code db/} {@code 0700} with its files {@code 0600}, the log file and what the jobs write to
 * {@code reports/}, {@code outbox/} and {@code staging/} (pages, workbooks, mails, staged jars) {@code 0640};
 * keys and passwords stay {@code 0600}.
 */
public final class StateDirectory {
    static final String DIR_MODE = "rwxr-x---";
    static final String SHARED_FILE_MODE = "rw-r-----";
    /** Folders whose files the operators' group reads: the report pages and workbooks, mails, staged jars. */
    static final java.util.List<String> SHARED_FOLDERS = java.util.List.of("reports", "outbox", "staging");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private StateDirectory() {
    }

    /**
     * Creates the state dir (0750) when missing; an existing one loses the bits that let every local user in.
     *
     * @throws IOException when it cannot be created or its mode cannot be set
     */
    public static void create(Path stateDir) throws IOException {
        ensureDirectory(stateDir, DIR_MODE);
    }

    /**
     * Everything a command that opens the job repository needs: modes of the state dir, {@code logs/} and
     * the log file, and the group-readable mode for the files jobs move into place under it.
     */
    public static Path prepareForJobs(Path stateDir) {
        Path logs = stateDir.resolve("logs");
        Path logFile = logs.resolve("homeamp.log");
        try {
            create(stateDir);
            ensureDirectory(logs, DIR_MODE);
            if (!Files.exists(logFile)) {
                Files.createFile(logFile);
            }
            setMode(logFile, SHARED_FILE_MODE);
        } catch (IOException e) {
            throw new ConfigException(stateDir + ": cannot prepare the state dir (" + e.getMessage()
                    + "). Fix: give it to the service user: chown -R homeamp " + stateDir);
        }
        // Only what operators read: backups/ may hold copies of configs with secrets and keeps owner-only files.
        for (String shared : SHARED_FOLDERS) {
            AtomicFiles.shareWithGroupUnder(stateDir.resolve(shared), PosixFilePermissions.fromString(SHARED_FILE_MODE));
        }
        return logFile;
    }

    /** Creates {@code dir} with {@code mode}; an existing one keeps its owner bits and loses what {@code mode} lacks. */
    static void ensureDirectory(Path dir, String mode) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            setMode(dir, mode);
            return;
        }
        if (!POSIX) {
            return;
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir);
        Set<PosixFilePermission> allowed = PosixFilePermissions.fromString(mode);
        if (!allowed.containsAll(now)) {
            now.retainAll(allowed);
            try {
                Files.setPosixFilePermissions(dir, now);
            } catch (java.nio.file.AccessDeniedException notOwner) {
                // Somebody else's folder (created by root, shared by group): its owner decides its mode.
            }
        }
    }

    /** Sets a POSIX mode; a file system without POSIX modes (tests on other platforms) is left alone. */
    static void setMode(Path path, String mode) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        }
    }
}
