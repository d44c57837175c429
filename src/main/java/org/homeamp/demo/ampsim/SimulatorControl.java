package org.homeamp.demo.ampsim;

import org.homeamp.amp.AmpState;

/**
 * Fault injection and state inspection for one {@link AmpSimulator}, so tests and the demo can make
 * the simulated host misbehave the way a real one does (expired sessions, slow answers, a restart
 * that never finishes, a plugin that fails to enable) and check what the tool did to it.
 */
public final class SimulatorControl {

    private final SimulatedHost host;

    SimulatorControl(SimulatedHost host) {
        this.host = host;
    }

    /** Drops every session, as a real AMP does after its idle timeout or its own restart. */
    public void expireAllSessions() {
        host.expireAllSessions();
    }

    /**
     * Makes the next call whose path ends with {@code methodPath} (e.g. {@code "Core/GetStatus"}) answer
     * {@code envelopeJson} verbatim with HTTP 200; one-shot, rules queue up in the order given.
     */
    public void failNextCall(String methodPath, String envelopeJson) {
        host.failNextCall(methodPath, envelopeJson);
    }

    /** Delays every answer by this many milliseconds (0 = none). */
    public void setLatencyMillis(int millis) {
        host.setLatencyMillis(millis);
    }

    /** While set, a start or restart of the instance's application stays STARTING/RESTARTING forever. */
    public void setNeverReady(String instanceName, boolean neverReady) {
        host.instance(instanceName).setNeverReady(neverReady);
    }

    /** Sets whether the instance's AMP process runs; a stopped one answers proxied calls "Instance Unavailable". */
    public void setInstanceRunning(String instanceName, boolean running) {
        host.setInstanceRunning(instanceName, running);
    }

    /** On the instance's next start or restart, the named plugin logs Paper's "Error occurred while enabling". */
    public void failPluginOnNextStart(String instanceName, String pluginName) {
        host.instance(instanceName).failPluginOnNextStart(pluginName);
    }

    /** Rejected logins so far on this host, controller and proxied together. */
    public int failedLoginCount() {
        return host.failedLoginCount();
    }

    /** Calls so far whose path ends with {@code methodPath}, e.g. {@code "FileManagerPlugin/WriteFileChunk"}. */
    public int callCount(String methodPath) {
        return host.callCount(methodPath);
    }

    /** The application state of the instance now, as a proxied {@code Core/GetStatus} would report it. */
    public AmpState appState(String instanceName) {
        return host.instance(instanceName).appState();
    }

    /** Whether the instance's AMP process runs. */
    public boolean instanceRunning(String instanceName) {
        return host.instance(instanceName).running();
    }
}
