package org.homeamp.staging;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import okhttp3.HttpUrl;
import org.homeamp.updates.sources.HashAlgorithm;

/**
 * The checks a download passes besides its size: the URL's scheme (https, or plain http only to a
 * literal loopback address), a body that starts like an HTML error page, and the file's digest in the
 * registry's algorithm.
 */
final class DownloadChecks {
    private DownloadChecks() {
    }

    static String refuseScheme(HttpUrl url) {
        if (url.isHttps()) {
            return null;
        }
        if (isLoopback(url.host())) {
            return null;
        }
        return url + " is plain http:// on a non-loopback host: refused, since anyone on the path could swap the jar. "
                + "Fix: use the https:// URL of the file";
    }

    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses: resolving a name here would let DNS decide what counts as local.
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static boolean startsLikeMarkup(byte[] buf, int n) {
        for (int i = 0; i < n; i++) {
            byte b = buf[i];
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            return b == '<';
        }
        return false;
    }

    static String hash(Path file, HashAlgorithm algorithm) throws IOException {
        MessageDigest digest = digest(algorithm);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest digest(HashAlgorithm algorithm) {
        String name = switch (algorithm) {
            case SHA512 -> "SHA-512";
            case SHA256 -> "SHA-256";
            case SHA1 -> "SHA-1";
            case UNVERIFIED -> throw new IllegalArgumentException("no digest for UNVERIFIED");
        };
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is part of every Java runtime", e);
        }
    }
}
