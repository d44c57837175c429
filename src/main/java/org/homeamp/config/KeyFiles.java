package org.homeamp.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installation's key files in the state dir (the workbook signing key, the secret fingerprint
 * key): made once with random bytes, readable by their owner only.
 */
public final class KeyFiles {
    private static final Logger log = LoggerFactory.getLogger(KeyFiles.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private KeyFiles() {
    }

    /**
     * Creates {@code keyFile} with {@code length} random bytes when it is absent: written into a temp file
     * that is born 0600, then linked into place, so a half-written key is never visible under the real
     * name; when another process made the key meanwhile, that key wins.
     *
     * @param what the key's name for the log, e.g. {@code plan signing key}
     */
    public static void createIfAbsent(Path keyFile, int length, String what) throws IOException {
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        if (Files.exists(keyFile)) {
            return;
        }
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        boolean posix = keyFile.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attrs = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(keyFile.toAbsolutePath().getParent(), "." + keyFile.getFileName() + "-", ".tmp", attrs);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            try {
                Files.createLink(keyFile, tmp);
                log.info("created {} {}", what, keyFile);
            } catch (UnsupportedOperationException noHardLinks) {
                // no hard links (some mounted file systems): a no-replace move keeps the same guarantee
                Files.move(tmp, keyFile);
            }
        } catch (FileAlreadyExistsException raced) {
            log.debug("{} {} was created by another process; using that one", what, keyFile);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Group or other permissions the key file has (it should have none); empty where the file system has no modes. */
    public static Set<PosixFilePermission> tooOpen(Path keyFile) throws IOException {
        if (!keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Set.of();
        }
        Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
        open.addAll(Files.getPosixFilePermissions(keyFile));
        open.retainAll(TOO_OPEN);
        return open;
    }
}
