package org.homeamp.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

import org.homeamp.files.InstanceFiles;
import org.homeamp.files.LocalInstanceFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Mode and owner of files on local servers, recorded in the manifest and given back to files a restore re-creates. */
final class LocalOwnership {
    private static final Logger log = LoggerFactory.getLogger(LocalOwnership.class);

    private LocalOwnership() {
    }

    /** Mode and owner:group of a local file, for the manifest; nulls where the storage has none. */
    static String[] of(InstanceFiles files, String path) {
        if (!(files instanceof LocalInstanceFiles local)) {
            return new String[] {null, null};
        }
        try {
            Path p = local.resolve(path);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return new String[] {null, null};
            }
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new String[] {PosixFilePermissions.toString(a.permissions()), a.owner().getName() + ":" + a.group().getName()};
        } catch (IOException | UnsupportedOperationException e) {
            return new String[] {null, null};
        }
    }

    /** A file that was removed and is written back gets its recorded mode and owner again (local servers). */
    static void set(InstanceFiles files, String path, String mode, String owner) throws IOException {
        if (!(files instanceof LocalInstanceFiles local)) {
            return;
        }
        Path p = local.resolve(path);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        if (owner != null && owner.contains(":")) {
            var lookup = p.getFileSystem().getUserPrincipalLookupService();
            var view = Files.getFileAttributeView(p, java.nio.file.attribute.PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            String[] og = owner.split(":", 2);
            try {
                view.setOwner(lookup.lookupPrincipalByName(og[0]));
                view.setGroup(lookup.lookupPrincipalByGroupName(og[1]));
            } catch (IOException e) {
                log.warn("could not give {} back its owner {}: {}", path, owner, e.getMessage());
            }
        }
    }
}
