package org.homeamp.doctor;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.homeamp.batch.RemotePartitions;
import org.homeamp.batch.WorkerHeartbeats;
import org.homeamp.batch.WorkerHeartbeats.Condition;
import org.homeamp.batch.WorkerHeartbeats.Registered;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.config.ServerSettings;

/**
 * The {@code homeamp worker}s of a PostgreSQL setup (SPEC §11), from their heartbeat rows: per server,
 * whether a worker beats and gets the server's partitions, or why not (its host has no or another
 * fingerprint key, so the manager does that server's work itself; it stopped beating). A server with
 * no worker row is read by the manager as homeamp.yml says, which is no fault.
 */
final class WorkerCheck {
    private WorkerCheck() {
    }

    static List<CheckResult> check(Connection c, HomeAmpSettings settings) throws SQLException {
        List<Registered> rows = WorkerHeartbeats.registered(c);
        List<CheckResult> out = new ArrayList<>();
        if (rows.isEmpty()) {
            out.add(CheckResult.ok("workers", "no homeamp worker has registered: this host reads every server itself"
                    + " (docs/scaling.md says when workers help)"));
            return out;
        }
        String keyId = RemotePartitions.fingerprintKeyId(settings.stateDir());
        long staleAfter = settings.worker().staleAfter().toSeconds();
        for (ServerSettings server : settings.servers()) {
            List<Registered> mine = rows.stream().filter(r -> r.server().equals(server.name())).toList();
            String check = "worker " + server.name();
            String fallback = "this host reads " + server.name() + " itself (files: " + server.files().yamlName() + ")";
            if (mine.isEmpty()) {
                out.add(CheckResult.ok(check, "none: " + fallback));
                continue;
            }
            Registered serving = mine.stream().filter(r -> r.condition(settings.worker().staleAfter(), keyId) == Condition.SERVING)
                    .findFirst().orElse(null);
            if (serving != null) {
                out.add(CheckResult.ok(check, describe(serving) + ": gets " + server.name() + "'s partitions"
                        + (serving.stepExecutionId() == null ? " (idle)" : " (running step execution " + serving.stepExecutionId() + ")")));
                continue;
            }
            Registered freshest = mine.get(0);
            Condition why = freshest.condition(settings.worker().staleAfter(), keyId);
            out.add(switch (why) {
                case NO_KEY -> CheckResult.warn(check, describe(freshest) + " beats, but its host has no fingerprint.key, so it gets no"
                        + " partitions and " + fallback, "copy " + settings.stateDir().resolve("fingerprint.key") + " to the worker's state dir"
                        + " (mode 0600, owner homeamp), then restart it (docs/scaling.md)");
                case OTHER_KEY -> CheckResult.warn(check, describe(freshest) + " beats, but its fingerprint.key is not this host's, so it gets"
                        + " no partitions and " + fallback, "copy " + settings.stateDir().resolve("fingerprint.key") + " over the worker's"
                        + " (mode 0600), then restart it: every host needs the same key (docs/scaling.md)");
                default -> CheckResult.warn(check, describe(freshest) + " last beat " + freshest.secondsSinceBeat() + " s ago (worker.stale-after "
                        + staleAfter + " s): it is gone (killed, crashed or its host is down), and " + fallback,
                        "on " + freshest.host() + ": systemctl status homeamp-worker, then start it; if you no longer run one, the row is harmless");
            });
        }
        return out;
    }

    private static String describe(Registered r) {
        return r.host() + " (pid " + r.pid() + ", " + r.version() + ")";
    }
}
