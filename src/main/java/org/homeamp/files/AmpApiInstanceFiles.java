package org.homeamp.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.homeamp.amp.AmpClient;
import org.homeamp.amp.AmpException;
import org.homeamp.amp.AmpFileEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An instance's files through AMP's FileManager API ({@code files: amp-api}). The FileManager root
 * of a Minecraft instance is its {@code Minecraft/} folder, so paths go to AMP unchanged after
 * {@link InstancePaths#normalize(String)}.
 *
 * <p>AMP failures surface as the unchecked {@link AmpException} subtypes (unreachable, rejected
 * login, ...), which already name the server, URL and what to do; a path that would leave the
 * instance is refused with {@link InstancePathException} before any call is made.
 */
public final class AmpApiInstanceFiles implements InstanceFiles {
    private static final Logger log = LoggerFactory.getLogger(AmpApiInstanceFiles.class);
    static final String TMP_SUFFIX = ".homeamp-tmp";
    static final String OLD_SUFFIX = ".homeamp-old";

    private final AmpClient client;
    private final String serverName;
    private final String instanceId;
    private final String instanceName;

    public AmpApiInstanceFiles(AmpClient client, String serverName, String instanceId, String instanceName) {
        this.client = Objects.requireNonNull(client, "client");
        this.serverName = Objects.requireNonNull(serverName, "serverName");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.instanceName = Objects.requireNonNull(instanceName, "instanceName");
    }

    @Override
    public List<Entry> list(String dir) throws IOException {
        String folder = InstancePaths.normalize(dir);
        List<AmpFileEntry> rows;
        try {
            rows = client.listDirectory(instanceId, folder);
        } catch (AmpException.ActionFailed | AmpException.Fault e) {
            if (e.isTransient()) {
                // retries are spent already; asking the parent folder now would only repeat them
                throw e;
            }
            // AMP reports a missing folder as an error; the port promises an empty list for that.
            if (!folder.isEmpty() && !directoryExists(folder)) {
                return List.of();
            }
            throw e;
        }
        List<Entry> entries = new ArrayList<>();
        for (AmpFileEntry row : rows) {
            entries.add(new Entry(join(folder, row.filename()), row.filename(), row.directory(), row.sizeBytes()));
        }
        entries.sort(Comparator.comparing(Entry::name));
        return entries;
    }

    private boolean directoryExists(String folder) throws IOException {
        for (Entry e : list(parentOf(folder))) {
            if (e.name().equals(nameOf(folder))) {
                return e.directory();
            }
        }
        return false;
    }

    /** A missing file is a {@link NoSuchFileException}, like on a local disk (see {@link #missingOr}). */
    @Override
    public InputStream open(String path) throws IOException {
        String file = fileOf(path);
        try {
            return client.openFile(instanceId, file);
        } catch (AmpException.ActionFailed e) {
            throw missingOr(file, e);
        }
    }

    @Override
    public byte[] read(String path) throws IOException {
        String file = fileOf(path);
        try {
            return client.readFile(instanceId, file);
        } catch (AmpException.ActionFailed e) {
            throw missingOr(file, e);
        }
    }

    /**
     * AMP answers a read of a missing file with {@code Status:false} and a .NET message ("Could not
     * find file '...'"), the same shape as any other refusal; whether the file is missing is decided
     * from the folder listing, not from the wording.
     */
    private AmpException missingOr(String file, AmpException refusal) throws IOException {
        if (!exists(file)) {
            throw new NoSuchFileException(describe() + ":" + file, null, "not in AMP's listing of its folder");
        }
        return refusal;
    }

    @Override
    public boolean exists(String path) throws IOException {
        String normalized = InstancePaths.normalize(path);
        if (normalized.isEmpty()) {
            return true;
        }
        return names(parentOf(normalized)).contains(nameOf(normalized));
    }

    /**
     * Writes {@code .name.homeamp-tmp}, moves an existing target to {@code .name.homeamp-old},
     * renames the temp file to the target and trashes the old one. At every point the target is
     * either the complete old or the complete new file (or, between the two renames, absent with
     * the complete old file beside it, which the next write puts back first).
     */
    @Override
    public void write(String path, byte[] content) throws IOException {
        String target = fileOf(path);
        String folder = parentOf(target);
        String name = nameOf(target);
        String tmpName = "." + name + TMP_SUFFIX;
        String oldName = "." + name + OLD_SUFFIX;
        String tmp = join(folder, tmpName);
        String old = join(folder, oldName);

        Set<String> present = names(folder);
        if (present.contains(tmpName)) {
            client.trashFile(instanceId, tmp);
        }
        if (present.contains(oldName)) {
            if (present.contains(name)) {
                client.trashFile(instanceId, old);
            } else {
                log.info("{}: putting back {} left by an interrupted write", describe(), target);
                client.renameFile(instanceId, old, name);
                present.add(name);
            }
        }
        client.writeFile(instanceId, tmp, content);
        boolean replacing = present.contains(name);
        if (replacing) {
            client.renameFile(instanceId, target, oldName);
        }
        client.renameFile(instanceId, tmp, name);
        if (replacing) {
            client.trashFile(instanceId, old);
        }
    }

    /** AMP's RenameFile only renames within one folder, so {@code from} and {@code to} must share it. */
    @Override
    public void rename(String from, String to) throws IOException {
        String source = fileOf(from);
        String destination = fileOf(to);
        if (!parentOf(source).equals(parentOf(destination))) {
            throw new IOException(describe() + ": cannot move " + source + " to " + destination
                    + " through AMP's FileManager, which renames only within one folder; copy and trash instead");
        }
        client.renameFile(instanceId, source, nameOf(destination));
    }

    @Override
    public void trash(String path) throws IOException {
        client.trashFile(instanceId, fileOf(path));
    }

    @Override
    public String describe() {
        return serverName + "/" + instanceName;
    }

    private Set<String> names(String folder) throws IOException {
        Set<String> names = new HashSet<>();
        for (Entry e : list(folder)) {
            names.add(e.name());
        }
        return names;
    }

    private String fileOf(String path) throws InstancePathException {
        String normalized = InstancePaths.normalize(path);
        if (normalized.isEmpty()) {
            throw new InstancePathException(describe() + ": '" + path + "' names the Minecraft folder itself, not a file");
        }
        return normalized;
    }

    private static String parentOf(String normalized) {
        int slash = normalized.lastIndexOf('/');
        return slash < 0 ? "" : normalized.substring(0, slash);
    }

    private static String nameOf(String normalized) {
        return normalized.substring(normalized.lastIndexOf('/') + 1);
    }

    private static String join(String folder, String name) {
        return folder.isEmpty() ? name : folder + "/" + name;
    }
}
