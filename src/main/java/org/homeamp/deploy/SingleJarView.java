package org.homeamp.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.homeamp.files.InstanceFiles;

/**
 * A read-only view that shows one jar on disk as {@code plugins/<name>}, so that a staged jar is
 * opened with the same {@link org.homeamp.inventory.JarInspector} discovery uses on instances.
 */
final class SingleJarView implements InstanceFiles {
    private final Path jar;
    private final String path;

    SingleJarView(Path jar) {
        this.jar = jar;
        this.path = "plugins/" + jar.getFileName();
    }

    @Override
    public List<Entry> list(String dir) throws IOException {
        return "plugins".equals(dir) ? List.of(new Entry(path, jar.getFileName().toString(), false, Files.size(jar))) : List.of();
    }

    @Override
    public InputStream open(String p) throws IOException {
        return Files.newInputStream(resolve(p));
    }

    @Override
    public byte[] read(String p) throws IOException {
        return Files.readAllBytes(resolve(p));
    }

    @Override
    public boolean exists(String p) {
        return path.equals(p);
    }

    @Override
    public void write(String p, byte[] content) throws IOException {
        throw new IOException("the staged jar " + jar + " is opened read-only");
    }

    @Override
    public void rename(String from, String to) throws IOException {
        throw new IOException("the staged jar " + jar + " is opened read-only");
    }

    @Override
    public void trash(String p) throws IOException {
        throw new IOException("the staged jar " + jar + " is opened read-only");
    }

    @Override
    public String describe() {
        return "staging " + jar.getParent();
    }

    private Path resolve(String p) throws IOException {
        if (!path.equals(p)) {
            throw new java.nio.file.NoSuchFileException(p);
        }
        return jar;
    }
}
