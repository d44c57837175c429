package org.homeamp.files;

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
 * links are followed only when their target stays inside the Minecraft folder.
 */
public final class LocalInstanceFiles implements InstanceFiles {
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

    @Override
    public InputStream open(String path) throws IOException {
        return Files.newInputStream(resolve(path));
    }

    @Override
    public byte[] read(String path) throws IOException {
        return Files.readAllBytes(resolve(path));
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
