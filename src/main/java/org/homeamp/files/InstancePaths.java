package org.homeamp.files;

import java.util.ArrayList;
import java.util.List;

/** Normalises instance-relative paths and refuses any that would escape the Minecraft folder. */
public final class InstancePaths {
    private InstancePaths() {
    }

    /**
     * Returns {@code path} with {@code \} turned into {@code /}, {@code .} segments and duplicate
     * slashes removed. Refuses absolute paths, drive letters, NUL bytes and any {@code ..} segment.
     */
    public static String normalize(String path) throws InstancePathException {
        if (path == null) {
            throw new InstancePathException("no path given");
        }
        if (path.indexOf('\0') >= 0) {
            throw new InstancePathException("path contains a NUL byte: refused");
        }
        String p = path.replace('\\', '/');
        if (p.startsWith("/") || p.matches("^[A-Za-z]:.*")) {
            throw new InstancePathException("path '" + path + "' is absolute: only paths inside the instance's Minecraft/ folder are allowed");
        }
        List<String> parts = new ArrayList<>();
        for (String seg : p.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                throw new InstancePathException("path '" + path + "' contains '..': only paths inside the instance's Minecraft/ folder are allowed");
            }
            parts.add(seg);
        }
        return String.join("/", parts);
    }
}
