package org.homeamp.deploy;

/**
 * One instance of a deployment and where its deploy stands.
 *
 * @param stateHost whose state dir holds its prepared files and backup ({@code null}: the manager's; else a worker's,
 *                  see {@code batch.StateHosts}); set when it is prepared
 */
public record DeployedInstance(String server, String instance, String instanceId, InstanceState state, int restarts, String reason,
        String stateHost) {

    public DeployedInstance(String server, String instance, String instanceId, InstanceState state, int restarts, String reason) {
        this(server, instance, instanceId, state, restarts, reason, null);
    }

    /** {@code hetzner/Survival01} for messages. */
    public String label() {
        return server + "/" + instance;
    }
}
