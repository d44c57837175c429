package org.homeamp.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The files of a folder as the tests compare them: by relative path, with their SHA-256 (and mode and owner). */
public final class FileTrees {
    private FileTrees() {
    }

    /** Every regular file under {@code root} but logs ({@code logs/}, {@code *.log}), with its SHA-256. */
    public static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString();
                if (!rel.contains("/logs/") && !rel.endsWith(".log")) {
                    out.put(rel, sha256(Files.readAllBytes(p)));
                }
            }
        }
        return out;
    }

    /** Every regular file under {@code root}, as {@code <sha256> <rwxr-x---> <owner>:<group>}. */
    public static Map<String, String> withModes(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                out.put(root.relativize(p).toString(), sha256(Files.readAllBytes(p)) + " " + PosixFilePermissions.toString(a.permissions())
                        + " " + a.owner().getName() + ":" + a.group().getName());
            }
        }
        return out;
    }

    /** The SHA-256 of {@code bytes}, lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
