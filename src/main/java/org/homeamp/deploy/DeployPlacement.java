package org.homeamp.deploy;

import org.homeamp.batch.PartitionPlacement;
import org.springframework.batch.core.step.StepExecution;

/**
 * Where a deploy or rollback partition must run (D-W5): an instance that was prepared, backed up or
 * written goes back to the state dir that holds its files; an instance of a rollback not yet started
 * goes to the state dir holding the backup it restores; any other may run on its server's worker.
 */
final class DeployPlacement implements PartitionPlacement {
    private final DeploymentStore store;

    DeployPlacement(DeploymentStore store) {
        this.store = store;
    }

    @Override
    public String requiredStateHost(StepExecution partition) {
        String id = partition.getJobParameters().getString(DeployJobConfig.DEPLOYMENT);
        if (id == null) {
            return null;
        }
        String server = partition.getExecutionContext().getString(DeployJobConfig.SERVER, null);
        String instance = partition.getExecutionContext().getString(DeployJobConfig.INSTANCE, null);
        if (server == null || instance == null) {
            // a crash stored the partition before its context: its step name is deployInstance:<server>/<instance>
            String name = partition.getStepName().substring(partition.getStepName().indexOf(':') + 1);
            int slash = name.indexOf('/');
            if (slash < 0) {
                return null;
            }
            server = name.substring(0, slash);
            instance = name.substring(slash + 1);
        }
        DeployedInstance inst = store.instance(id, server, instance);
        if (inst.state().finished()) {
            return null;
        }
        if (inst.state() != InstanceState.PENDING) {
            return pin(inst.stateHost());
        }
        Deployment d = store.find(id).orElse(null);
        if (d != null && d.isRollback()) {
            return pin(store.instance(d.undoes(), server, instance).stateHost());
        }
        return null;
    }

    private static String pin(String stateHost) {
        return stateHost == null ? MANAGER : stateHost;
    }
}
