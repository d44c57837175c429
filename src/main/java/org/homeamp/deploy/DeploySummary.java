package org.homeamp.deploy;

import java.util.ArrayList;
import java.util.List;

/** What a deployment did, for the console, the finish step and the records. */
public record DeploySummary(Deployment deployment, List<DeployedInstance> instances, List<DeployRow> rows) {

    public static DeploySummary of(DeploymentStore store, String id) {
        return new DeploySummary(store.find(id).orElseThrow(() -> new IllegalStateException("no deployment " + id)), store.instances(id),
                store.rows(id));
    }

    public long count(RowResult result) {
        return rows.stream().filter(r -> r.result() == result).count();
    }

    /** Any row refused, failed or rolled back, or an instance left unhealthy: exit code 4. */
    public boolean hasProblems() {
        return count(RowResult.REFUSED) + count(RowResult.FAILED) + count(RowResult.ROLLED_BACK) > 0
                || instances.stream().anyMatch(i -> i.state() == InstanceState.ROLLBACK_UNHEALTHY);
    }

    /** One line per instance, then one per row that was not applied, with its reason. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (DeployedInstance i : instances) {
            long applied = rows.stream().filter(r -> i.server().equals(r.server()) && i.instance().equals(r.instance())
                    && r.result() == RowResult.APPLIED).count();
            out.add("  " + i.label() + ": " + describe(i.state()) + ", " + applied + " row" + (applied == 1 ? "" : "s") + " applied, "
                    + i.restarts() + " restart" + (i.restarts() == 1 ? "" : "s")
                    + (i.state() == InstanceState.ROLLED_BACK || i.state() == InstanceState.ROLLBACK_UNHEALTHY ? " (" + i.reason() + ")" : ""));
        }
        for (DeployRow r : rows) {
            if (r.result() == RowResult.REFUSED || r.result() == RowResult.FAILED || r.result() == RowResult.ROLLED_BACK) {
                out.add("  " + r.label() + " " + word(r.result()) + ": " + r.reason());
            }
        }
        out.add(String.format("%s %s %s: %d applied, %d refused, %d failed, %d rolled back",
                deployment.isRollback() ? "rollback" : "deployment", deployment.id(),
                deployment.finishedRun() ? "finished" : deployment.result().toLowerCase(java.util.Locale.ROOT),
                count(RowResult.APPLIED), count(RowResult.REFUSED), count(RowResult.FAILED), count(RowResult.ROLLED_BACK)));
        return out;
    }

    private static String describe(InstanceState s) {
        return switch (s) {
            case HEALTHY -> "deployed, healthy";
            case ROLLED_BACK -> "ROLLED BACK after a failed health check";
            case ROLLBACK_UNHEALTHY -> "ROLLED BACK, still unhealthy";
            case NOT_CHANGED -> "not changed";
            default -> "unfinished (" + s.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
        };
    }

    private static String word(RowResult r) {
        return switch (r) {
            case REFUSED -> "refused";
            case FAILED -> "failed";
            case ROLLED_BACK -> "rolled back";
            default -> r.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
