package org.homeamp.files;

import org.homeamp.config.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Instance files on this host's disk: {@code <instances-dir>/<InstanceName>/Minecraft/}. Symbolic
 * links are followed only when their target stays inside the Minecraft folder; only regular files
 * are read, each read with a time limit, so a named pipe or a hung mount cannot hang a scan.
 */
public final class LocalInstanceFiles implements InstanceFiles {
    /** Longest wait for one read of a local file; a healthy disk answers in milliseconds (D-A4). */
    static final java.time.Duration READ_LIMIT = java.time.Duration.ofSeconds(30);
    private final Path root;
    private final String description;

    public LocalInstanceFiles(Path minecraftDir, String description) {
        this.root = minecraftDir.toAbsolutePath().normalize();
        this.description = description;
    }

    /** The Minecraft folder these files live in. */
    public Path root() {
        return root;
    }

    /** Resolves an instance-relative path to a file on disk, refusing escapes (also through symlinks). */
    public Path resolve(String path) throws IOException {
        String rel = InstancePaths.normalize(path);
        Path p = rel.isEmpty() ? root : root.resolve(rel);
        if (Files.exists(p)) {
            Path real = p.toRealPath();
            if (!real.startsWith(root.toRealPath())) {
                throw new InstancePathException("path '" + path + "' in " + description
                        + " leads outside the instance's Minecraft/ folder (a symbolic link?): refused");
            }
        }
        return p;
    }

    @Override
    public List<Entry> list(String dir) throws IOException {
        String rel = InstancePaths.normalize(dir);
        Path d = resolve(rel);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                out.add(new Entry(rel.isEmpty() ? name : rel + "/" + name, name, a.isDirectory(), a.isDirectory() ? 0 : a.size()));
            }
        }
        out.sort(Comparator.comparing(Entry::name));
        return out;
    }

    /** Opens a regular file only (see {@link #regularFile}); each read has a time limit. */
    @Override
    public InputStream open(String path) throws IOException {
        Path file = regularFile(path);
        return new TimedInputStream(Files.newInputStream(file), description + ":" + path, READ_LIMIT);
    }

    @Override
    public byte[] read(String path) throws IOException {
        try (InputStream in = open(path)) {
            return in.readAllBytes();
        }
    }

    /**
     * The file at {@code path} if it is a regular file (a symbolic link to one inside the instance
     * counts): a named pipe, device, socket or directory is refused with {@link SpecialFileException}
     * before it is opened, because opening a named pipe blocks until something writes to it.
     */
    Path regularFile(String path) throws IOException {
        Path file = resolve(path);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(description + ":" + path);
        }
        if (!attributes.isRegularFile()) {
            throw new SpecialFileException(description + ":" + path, kindOf(file, attributes));
        }
        return file;
    }

    private static String kindOf(Path file, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        try {
            int type = (Integer) Files.getAttribute(file, "unix:mode") & 0170000;
            return switch (type) {
                case 0010000 -> "a named pipe (FIFO)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a special file";
        }
    }

    @Override
    public boolean exists(String path) throws IOException {
        return Files.exists(resolve(path));
    }

    @Override
    public void write(String path, byte[] content) throws IOException {
        Path target = resolve(path);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".homeamp-tmp");
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            out.write(content);
        }
        try (var ch = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            copyOwnership(target, tmp);
        }
        AtomicFiles.moveIntoPlace(tmp, target);
    }

    /** Instances run as the {@code amp} user: a replaced file must keep its owner, group and mode. */
    private static void copyOwnership(Path from, Path to) throws IOException {
        PosixFileAttributeView fromView = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView toView = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (fromView == null || toView == null) {
            return;
        }
        PosixFileAttributes a = fromView.readAttributes();
        toView.setPermissions(a.permissions());
        PosixFileAttributes now = toView.readAttributes();
        if (!now.group().equals(a.group())) {
            toView.setGroup(a.group());
        }
        if (!now.owner().equals(a.owner())) {
            toView.setOwner(a.owner());
        }
    }

    @Override
    public void rename(String from, String to) throws IOException {
        Path src = resolve(from);
        Path dst = resolve(to);
        if (!Files.exists(src)) {
            throw new NoSuchFileException(description + ":" + from);
        }
        Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void trash(String path) throws IOException {
        Files.deleteIfExists(resolve(path));
    }

    @Override
    public String describe() {
        return description;
    }
}
