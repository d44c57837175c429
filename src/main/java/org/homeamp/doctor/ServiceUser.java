package org.homeamp.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The user whose rights doctor checks, and what that user may do with a path, judged from owner,
 * group and mode bits the way the kernel does (root may do anything; otherwise the owner bits, else
 * the group bits when one of the user's groups owns it, else the other bits; every folder on the way
 * needs the search bit). Judging by the bits instead of trying lets doctor, run as root by
 * install.sh or an operator, answer for the service user. ACLs are not read.
 *
 * @param name   login name
 * @param uid    numeric user id
 * @param groups numeric ids of the primary and supplementary groups
 */
record ServiceUser(String name, int uid, Set<Integer> groups) {

    /** The three things doctor asks about a path. */
    enum Access {
        READ, WRITE, SEARCH
    }

    /** Looks the user up with {@code id}; empty when no such user exists. */
    static Optional<ServiceUser> lookup(String name) {
        Optional<String> uid = id("-u", name);
        Optional<String> groups = id("-G", name);
        if (uid.isEmpty() || groups.isEmpty()) {
            return Optional.empty();
        }
        Set<Integer> gids = Arrays.stream(groups.get().trim().split("\\s+")).filter(s -> !s.isEmpty())
                .map(Integer::valueOf).collect(Collectors.toUnmodifiableSet());
        return Optional.of(new ServiceUser(name, Integer.parseInt(uid.get().trim()), gids));
    }

    /** The user running this process. */
    static ServiceUser current() {
        String name = id("-un", null).map(String::trim).orElse(System.getProperty("user.name"));
        return lookup(name).orElseThrow(() -> new IllegalStateException("cannot look up the user running doctor (" + name + ") with 'id'"));
    }

    boolean isRoot() {
        return uid == 0;
    }

    /** Whether this user may read (list), write (create files in) or enter {@code path}, including every folder above it. */
    boolean may(Path path, Access access) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        for (Path parent = absolute.getParent(); parent != null; parent = parent.getParent()) {
            if (!allowed(parent, Access.SEARCH)) {
                return false;
            }
        }
        if (!allowed(absolute, access)) {
            return false;
        }
        // a folder is only readable or writable with its search bit too
        return !Files.isDirectory(absolute) || access == Access.SEARCH || allowed(absolute, Access.SEARCH);
    }

    /** Whether this user owns {@code path}. */
    boolean owns(Path path) throws IOException {
        return ((Integer) Files.getAttribute(path, "unix:uid")) == uid;
    }

    private boolean allowed(Path path, Access access) throws IOException {
        if (isRoot()) {
            return true;
        }
        PosixFileAttributes attrs = Files.readAttributes(path, PosixFileAttributes.class);
        int owner = (Integer) Files.getAttribute(path, "unix:uid");
        int group = (Integer) Files.getAttribute(path, "unix:gid");
        Set<PosixFilePermission> perms = attrs.permissions();
        if (owner == uid) {
            return perms.contains(switch (access) {
                case READ -> PosixFilePermission.OWNER_READ;
                case WRITE -> PosixFilePermission.OWNER_WRITE;
                case SEARCH -> PosixFilePermission.OWNER_EXECUTE;
            });
        }
        if (groups.contains(group)) {
            return perms.contains(switch (access) {
                case READ -> PosixFilePermission.GROUP_READ;
                case WRITE -> PosixFilePermission.GROUP_WRITE;
                case SEARCH -> PosixFilePermission.GROUP_EXECUTE;
            });
        }
        return perms.contains(switch (access) {
            case READ -> PosixFilePermission.OTHERS_READ;
            case WRITE -> PosixFilePermission.OTHERS_WRITE;
            case SEARCH -> PosixFilePermission.OTHERS_EXECUTE;
        });
    }

    private static Optional<String> id(String option, String name) {
        ProcessBuilder pb = name == null ? new ProcessBuilder("id", option) : new ProcessBuilder("id", option, name);
        pb.redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            String text = new String(out, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
