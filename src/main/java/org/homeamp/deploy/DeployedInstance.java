package org.homeamp.deploy;

/** One instance of a deployment and where its deploy stands. */
public record DeployedInstance(String server, String instance, String instanceId, InstanceState state, int restarts, String reason) {

    /** {@code hetzner/Survival01} for messages. */
    public String label() {
        return server + "/" + instance;
    }
}
