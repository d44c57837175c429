package org.homeamp.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;

/**
 * The password of a {@code spring.datasource} database (PostgreSQL), from one of three places, in this
 * order: {@code spring.datasource.password} in homeamp.yml (which is then private to the service user),
 * {@code spring.datasource.password-file} (a homeamp key, like a server's {@code password-file}: a file
 * of mode 0600 holding the password, resolved against the config file's folder), or the environment
 * variable {@code SPRING_DATASOURCE_PASSWORD} (e.g. from {@code /etc/homeamp/homeamp.env}). The result is
 * put back as {@code spring.datasource.password}, so Spring, {@code status} and {@code doctor} all see
 * the same one; it is never on a command line and never in a message. The {@code password-file} key stays
 * (Spring ignores it), so doctor can tell where the password came from.
 */
final class DatasourceSection {
    static final String URL = "spring.datasource.url";
    static final String PASSWORD = "spring.datasource.password";
    static final String PASSWORD_FILE = "spring.datasource.password-file";
    static final String PASSWORD_ENV = "SPRING_DATASOURCE_PASSWORD";

    private DatasourceSection() {
    }

    static void resolvePassword(Map<String, String> spring, Path configDir, Map<String, String> env, int line,
            Problems problems) {
        String fileValue = spring.get(PASSWORD_FILE);
        if (fileValue != null) {
            if (spring.containsKey(PASSWORD)) {
                problems.add(line, PASSWORD_FILE, fileValue, "is given together with spring.datasource.password",
                        "keep only one of them (the file is the better place)");
                return;
            }
            Path file;
            try {
                file = configDir.resolve(fileValue.strip()).normalize();
            } catch (InvalidPathException e) {
                problems.add(line, PASSWORD_FILE, fileValue, "is not a valid path (" + e.getReason() + ")",
                        "write a path, e.g. password-file: /etc/homeamp/db.password");
                return;
            }
            String password = readPasswordFile(file, fileValue, line, problems);
            if (password != null) {
                spring.put(PASSWORD, password);
            }
            return;
        }
        if (spring.containsKey(URL) && !spring.containsKey(PASSWORD)) {
            String fromEnv = env.get(PASSWORD_ENV);
            if (fromEnv != null) {
                spring.put(PASSWORD, fromEnv);
            }
        }
    }

    private static String readPasswordFile(Path file, String raw, int line, Problems problems) {
        String where = ConfigPaths.resolvedNote(raw, file);
        if (!Files.isRegularFile(file)) {
            problems.add(line, PASSWORD_FILE, raw, (Files.exists(file) ? "is not a regular file" : "does not exist") + where,
                    "create it with the database password: install -m 600 -o homeamp /dev/null " + file + " && edit it");
            return null;
        }
        if (!Files.isReadable(file)) {
            problems.add(line, PASSWORD_FILE, raw, "is not readable by this user" + where, "chown homeamp " + file);
            return null;
        }
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"))) {
                problems.add(line, PASSWORD_FILE, raw, "may be read or changed by other users" + where, "chmod 600 " + file);
                return null;
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        } catch (IOException e) {
            problems.add(line, PASSWORD_FILE, raw, "has unreadable permissions (" + e.getClass().getSimpleName() + ")",
                    "chmod 600 " + file);
            return null;
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(line, PASSWORD_FILE, raw, "cannot be read as UTF-8 text (" + e.getClass().getSimpleName() + ")" + where,
                    "write the password into it as plain UTF-8 text");
            return null;
        }
        String password = content.replaceAll("[\r\n]+$", "");
        if (password.isEmpty()) {
            problems.add(line, PASSWORD_FILE, raw, "is empty" + where, "write the database password into it (one line)");
            return null;
        }
        return password;
    }
}
