package org.homeamp.demo.ampsim;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The FileManagerPlugin of one simulated instance, confined to the instance's file-manager root (its
 * {@code Minecraft/} folder). Refusing {@code ..} and absolute paths matters: the tool writes through
 * this API, and a simulator that allowed an escape would hide a client bug a real host might not.
 */
final class InstanceFileManager {

    static final long DEFAULT_CHUNK = 1L << 20;
    static final long MAX_CHUNK = 4L << 20;

    private static final Set<String> EDITABLE = Set.of("yml", "yaml", "json", "txt", "properties", "conf", "toml",
            "cfg", "ini", "xml", "log", "kvp", "md", "csv", "sh", "sk", "lang");
    private static final Set<String> ARCHIVES = Set.of("zip", "gz", "tgz", "7z", "rar", "tar", "bz2", "xz");

    private final Path root;
    private final Path trash;

    InstanceFileManager(Path root, Path trash) {
        this.root = root.toAbsolutePath().normalize();
        this.trash = trash.toAbsolutePath().normalize();
    }

    JsonNode call(String method, JsonNode body) throws IOException {
        return switch (method) {
            case "GetDirectoryListing" -> listing(text(body, "Dir"));
            case "ReadFileChunk" -> read(text(body, "Filename"), body.path("Offset").asLong(0),
                    body.path("ChunkSize").asLong(DEFAULT_CHUNK));
            case "WriteFileChunk" -> write(text(body, "Filename"), text(body, "Data"), body.path("Offset").asLong(0));
            case "RenameFile" -> rename(text(body, "Filename"), text(body, "NewFilename"));
            case "TrashFile" -> trashFile(text(body, "Filename"));
            case "CreateDirectory" -> createDirectory(text(body, "NewPath"));
            default -> null;
        };
    }

    private JsonNode listing(String dir) throws IOException {
        Path folder = resolve(dir);
        if (!Files.isDirectory(folder)) {
            throw ApiFailure.fault("Directory not found", "The directory '" + dir + "' does not exist.");
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(children::add);
        }
        children.sort(Comparator.comparing((Path p) -> !Files.isDirectory(p))
                .thenComparing(p -> p.getFileName().toString(), String.CASE_INSENSITIVE_ORDER));
        ArrayNode entries = Envelopes.JSON.createArrayNode();
        for (Path child : children) {
            BasicFileAttributes attrs = Files.readAttributes(child, BasicFileAttributes.class);
            String name = child.getFileName().toString();
            String ext = extension(name);
            boolean directory = attrs.isDirectory();
            ObjectNode entry = entries.addObject();
            entry.put("Filename", name);
            entry.put("IsDirectory", directory);
            entry.put("IsVirtualDirectory", false);
            entry.put("SizeBytes", directory ? 0 : attrs.size());
            entry.put("IsDownloadable", !directory);
            entry.put("IsEditable", !directory && EDITABLE.contains(ext));
            entry.put("IsArchive", !directory && ARCHIVES.contains(ext));
            entry.put("IsExcludedFromBackups", false);
            entry.put("Created", Envelopes.date(attrs.creationTime().toMillis()));
            entry.put("Modified", Envelopes.date(attrs.lastModifiedTime().toMillis()));
        }
        return entries;
    }

    private JsonNode read(String filename, long offset, long chunkSize) throws IOException {
        Path file = resolve(filename);
        // .NET's own exception texts, as AMP passes them on in the ActionResult's Reason
        if (!Files.exists(file)) {
            throw ApiFailure.action("Could not find file '" + file + "'.");
        }
        if (!Files.isRegularFile(file)) {
            throw ApiFailure.action("Access to the path '" + file + "' is denied.");
        }
        if (offset < 0 || chunkSize < 0) {
            throw ApiFailure.action("Invalid offset");
        }
        long length = chunkSize == 0 ? DEFAULT_CHUNK : Math.min(chunkSize, MAX_CHUNK);
        byte[] data;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long available = Math.max(0, in.length() - offset);
            data = new byte[(int) Math.min(length, available)];
            in.seek(Math.min(offset, in.length()));
            in.readFully(data);
        }
        ObjectNode result = Envelopes.JSON.createObjectNode();
        result.put("Status", true);
        result.put("Result", Base64.getEncoder().encodeToString(data));
        return result;
    }

    private synchronized JsonNode write(String filename, String base64, long offset) throws IOException {
        Path file = resolve(filename);
        if (file.equals(root) || Files.isDirectory(file)) {
            throw ApiFailure.action("Invalid path");
        }
        if (!Files.isDirectory(file.getParent())) {
            throw ApiFailure.action("Directory not found");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ApiFailure.action("Invalid data");
        }
        long size = Files.exists(file) ? Files.size(file) : 0;
        if (offset < 0 || (offset > 0 && offset > size)) {
            throw ApiFailure.action("Invalid offset");
        }
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            if (offset == 0) {
                out.setLength(0);
            }
            out.seek(offset);
            out.write(data);
        }
        return Envelopes.actionOk();
    }

    private synchronized JsonNode rename(String filename, String newName) throws IOException {
        Path source = resolve(filename);
        if (newName.isEmpty() || newName.contains("/") || newName.contains("\\") || newName.equals("..")
                || newName.equals(".")) {
            throw ApiFailure.action("Invalid path");
        }
        if (source.equals(root) || !Files.exists(source)) {
            throw ApiFailure.action("File not found");
        }
        Path target = source.resolveSibling(newName);
        try {
            Files.move(source, target);
        } catch (FileAlreadyExistsException e) {
            throw ApiFailure.action("A file with that name already exists");
        }
        return Envelopes.actionOk();
    }

    private synchronized JsonNode trashFile(String filename) throws IOException {
        Path source = resolve(filename);
        if (!Files.isRegularFile(source)) {
            throw ApiFailure.action("File not found");
        }
        Path target = trash.resolve(root.relativize(source).toString());
        Files.createDirectories(target.getParent());
        try {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            throw ApiFailure.action("File not found");
        }
        return Envelopes.actionOk();
    }

    private synchronized JsonNode createDirectory(String newPath) throws IOException {
        Path dir = resolve(newPath);
        if (Files.isDirectory(dir)) {
            return Envelopes.actionOk();
        }
        if (Files.exists(dir)) {
            throw ApiFailure.action("A file with that name already exists");
        }
        if (!Files.isDirectory(dir.getParent())) {
            throw ApiFailure.action("Directory not found");
        }
        Files.createDirectory(dir);
        return Envelopes.actionOk();
    }

    /** The path inside the root, or an "Invalid path" refusal for absolute paths and any {@code ..}. */
    Path resolve(String relative) {
        String path = relative.replace('\\', '/');
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
            throw ApiFailure.action("Invalid path");
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                throw ApiFailure.action("Invalid path");
            }
        }
        Path resolved = root.resolve(path).normalize();
        if (!resolved.startsWith(root)) {
            throw ApiFailure.action("Invalid path");
        }
        return resolved;
    }

    private static String text(JsonNode body, String key) {
        JsonNode value = body.get(key);
        return value == null || value.isNull() ? "" : value.asString();
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
