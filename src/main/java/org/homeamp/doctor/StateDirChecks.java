package org.homeamp.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.homeamp.approval.PlanSigner;
import org.homeamp.doctor.ServiceUser.Access;

/** The state dir: there, owned by the service user, writable by it; the plan signing key private to it. */
final class StateDirChecks {
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_READ_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ);

    private StateDirChecks() {
    }

    static List<CheckResult> check(Path stateDir, ServiceUser user) {
        List<CheckResult> results = new ArrayList<>();
        if (!Files.isDirectory(stateDir)) {
            results.add(CheckResult.fail("state-dir", stateDir + " does not exist",
                    "install -d -m 0750 -o " + user.name() + " " + stateDir + " (install.sh does this)"));
            return results;
        }
        try {
            if (user.owns(stateDir)) {
                results.add(CheckResult.ok("state-dir owner", stateDir + " is owned by " + user.name()));
            } else {
                results.add(CheckResult.fail("state-dir owner", stateDir + " is owned by " + Files.getOwner(stateDir).getName()
                        + ", not by " + user.name() + " (the user the nightly runs as)", "chown -R " + user.name() + " " + stateDir));
            }
            if (user.may(stateDir, Access.WRITE) && user.may(stateDir, Access.READ)) {
                results.add(CheckResult.ok("state-dir writable", user.name() + " may read and write " + stateDir));
            } else {
                results.add(CheckResult.fail("state-dir writable", user.name() + " may not read and write " + stateDir + " (mode "
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir)) + ")",
                        "chown -R " + user.name() + " " + stateDir + " && chmod 0750 " + stateDir));
            }
            results.add(signingKey(stateDir.resolve(PlanSigner.KEY_FILE), user));
        } catch (IOException e) {
            results.add(CheckResult.fail("state-dir", "cannot read the attributes of " + stateDir + ": " + e.getMessage(),
                    "check that the path is a local folder this host can read"));
        }
        return results;
    }

    private static CheckResult signingKey(Path key, ServiceUser user) throws IOException {
        if (!Files.exists(key)) {
            return CheckResult.ok("signing-key", key + " not made yet; the first report creates it (mode 0600)");
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(key);
        String mode = PosixFilePermissions.toString(perms);
        if (!perms.equals(OWNER_ONLY) && !perms.equals(OWNER_READ_ONLY)) {
            return CheckResult.fail("signing-key", key + " has mode " + mode + ": other users can read or change it and could forge approvals",
                    "chmod 600 " + key + " (if others may already have read it, delete it instead: a new key is made on the next run,"
                            + " and workbooks signed with the old one are refused)");
        }
        if (!user.owns(key)) {
            return CheckResult.fail("signing-key", key + " is owned by " + Files.getOwner(key).getName() + ", so " + user.name()
                    + " cannot read it and every deploy would stop", "chown " + user.name() + " " + key);
        }
        return CheckResult.ok("signing-key", key + " is private to " + user.name() + " (" + mode + ")");
    }
}
