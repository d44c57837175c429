package org.homeamp.deploy;

/**
 * One file a deployment touches on an instance, as the manifest records it.
 *
 * @param path         instance-relative, {@code /} separators
 * @param sha256Before null when the file did not exist before
 * @param sha256After  null when the deployment removes the file
 * @param modeBefore   e.g. {@code rw-r-----} on local servers; null where the storage has no modes
 * @param ownerBefore  {@code owner:group} on local servers; null otherwise
 * @param modeAfter    rollback only: the mode a re-created file gets back (the deployment's "before"); else null
 * @param ownerAfter   rollback only: likewise its {@code owner:group}
 * @param written      whether the "after" state is known to be on the instance
 */
public record ManifestFile(
        String path,
        FileAction action,
        String sha256Before,
        String sha256After,
        Long sizeBefore,
        String modeBefore,
        String ownerBefore,
        String modeAfter,
        String ownerAfter,
        boolean written) {
}
