package org.homeamp.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.homeamp.amp.AmpException;
import org.homeamp.files.InstanceFiles;
import org.homeamp.files.LocalInstanceFiles;
import org.homeamp.inventory.DescriptorParser.BadDescriptorException;

/**
 * Reads one jar: size, sha1, sha256 and sha512 in a single pass, then its descriptor. A corrupt jar,
 * a jar without descriptor or an unreadable file is a result, never an exception; only a file that
 * vanished since it was listed returns {@code null}, so it is treated as removed.
 */
public final class JarInspector {
    /** Distinct jars remembered by sha256; a network has the same few hundred jars on many instances. */
    private static final int CACHE_SIZE = 4096;

    private final DescriptorParser parser = new DescriptorParser();
    private final Map<String, InspectedJar> bySha256 = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, InspectedJar> eldest) {
            return size() > CACHE_SIZE;
        }
    });

    public InspectedJar inspect(WorkItem item, InstanceFiles files) {
        Path local = null;
        Path temp = null;
        try {
            Hashes h;
            if (files instanceof LocalInstanceFiles lf) {
                // through open(): a named pipe named .jar is refused, not opened (which would block)
                local = lf.resolve(item.path());
                try (InputStream in = lf.open(item.path())) {
                    h = Hashes.of(in, null);
                }
            } else {
                // Through AMP the jar arrives as a stream; zip needs random access, so keep a temp copy.
                temp = Files.createTempFile("homeamp-jar-", ".jar");
                try (InputStream in = files.open(item.path()); OutputStream out = Files.newOutputStream(temp)) {
                    h = Hashes.of(in, out);
                }
                local = temp;
            }
            return readDescriptor(item, local, h);
        } catch (java.nio.channels.ClosedByInterruptException | java.io.InterruptedIOException e) {
            throw interrupted(item, e);
        } catch (NoSuchFileException e) {
            return null;
        } catch (AccessDeniedException e) {
            return unreadable(item, "permission denied reading " + files.describe() + ":" + item.path()
                    + ". Fix: give the homeamp user read access (it should be in the amp group)");
        } catch (IOException e) {
            return unreadable(item, "cannot read " + files.describe() + ":" + item.path() + ": " + e.getMessage());
        } catch (AmpException e) {
            if (e.isTransient() || e instanceof AmpException.Unreachable) {
                // AMP did not answer even after the client's retries: the jar's work is not done, so the
                // chunk fails and 'homeamp restart' reads it again, rather than a problem in a completed run
                throw e;
            }
            return unreadable(item, "cannot read " + files.describe() + ":" + item.path() + ": " + e.getMessage());
        } catch (Interrupted e) {
            throw e;
        } catch (RuntimeException e) {
            // any other failure: the jar is unreadable for this run, the run goes on
            return unreadable(item, "cannot read " + files.describe() + ":" + item.path() + ": " + e.getMessage());
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    /**
     * The same bytes give the same descriptor: a jar already read (same sha256) is not opened again.
     * Only the hashes are computed per file, since they prove the bytes are the same.
     */
    private InspectedJar readDescriptor(WorkItem item, Path jar, Hashes h) {
        InspectedJar known = bySha256.get(h.sha256);
        if (known != null && known.size() == h.size) {
            return result(item, h, known.status(), known.problem(), known.descriptor());
        }
        InspectedJar fresh = openAndRead(item, jar, h);
        bySha256.put(h.sha256, fresh);
        return fresh;
    }

    private InspectedJar openAndRead(WorkItem item, Path jar, Hashes h) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (String type : DescriptorParser.DESCRIPTOR_FILES) {
                ZipEntry e = zip.getEntry(type);
                if (e == null || e.isDirectory()) {
                    continue;
                }
                if (e.getSize() > DescriptorParser.MAX_DESCRIPTOR_BYTES) {
                    return result(item, h, JarStatus.BAD_DESCRIPTOR, type + " is larger than 1 MiB", null);
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readNBytes(DescriptorParser.MAX_DESCRIPTOR_BYTES + 1);
                }
                try {
                    return result(item, h, JarStatus.OK, null, parser.parse(type, bytes));
                } catch (BadDescriptorException bad) {
                    return result(item, h, JarStatus.BAD_DESCRIPTOR, bad.getMessage(), null);
                }
            }
            return result(item, h, JarStatus.NO_DESCRIPTOR,
                    "no plugin.yml, paper-plugin.yml, bungee.yml or velocity-plugin.json inside: a library or a non-plugin jar", null);
        } catch (java.nio.channels.ClosedByInterruptException | java.io.InterruptedIOException e) {
            throw interrupted(item, e);
        } catch (ZipException e) {
            return result(item, h, JarStatus.CORRUPT, "not a valid jar (" + e.getMessage()
                    + "): a truncated download or a web page saved as .jar? Fix: replace it with a good copy", null);
        } catch (IOException e) {
            return result(item, h, JarStatus.CORRUPT, "cannot open as a jar: " + e.getMessage(), null);
        }
    }

    /**
     * A read cut short because this thread was interrupted (the process is stopping) says nothing about
     * the jar: the chunk fails instead of recording it unreadable or corrupt, and the restart reads it again.
     */
    private static Interrupted interrupted(WorkItem item, java.io.IOException e) {
        return new Interrupted("reading " + item.path() + " was interrupted (the process is stopping); the restart reads it again", e);
    }

    /** See {@link #interrupted}: passes every catch of {@link #inspect}. */
    static final class Interrupted extends java.io.UncheckedIOException {
        Interrupted(String message, java.io.IOException cause) {
            super(message, cause);
        }
    }

    private static InspectedJar result(WorkItem item, Hashes h, JarStatus status, String problem, PluginDescriptor d) {
        return new InspectedJar(item, h.size, h.sha1, h.sha256, h.sha512, status, problem, d);
    }

    private static InspectedJar unreadable(WorkItem item, String problem) {
        return new InspectedJar(item, item.size(), null, null, null, JarStatus.UNREADABLE, problem, null);
    }

    /** The three digests of a stream, computed in one read; optionally copies the bytes to {@code copy}. */
    record Hashes(long size, String sha1, String sha256, String sha512) {
        static Hashes of(InputStream in, OutputStream copy) throws IOException {
            MessageDigest sha1 = digest("SHA-1");
            MessageDigest sha256 = digest("SHA-256");
            MessageDigest sha512 = digest("SHA-512");
            byte[] buf = new byte[64 * 1024];
            long size = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                sha1.update(buf, 0, n);
                sha256.update(buf, 0, n);
                sha512.update(buf, 0, n);
                if (copy != null) {
                    copy.write(buf, 0, n);
                }
                size += n;
            }
            HexFormat hex = HexFormat.of();
            return new Hashes(size, hex.formatHex(sha1.digest()), hex.formatHex(sha256.digest()), hex.formatHex(sha512.digest()));
        }

        private static MessageDigest digest(String algorithm) {
            try {
                return MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
            }
        }
    }
}
