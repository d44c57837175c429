package org.homeamp.demo.ampsim;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.homeamp.amp.AmpState;

/**
 * Fault injection and state inspection for one {@link AmpSimulator}, so tests and the demo can make
 * the simulated host misbehave the way a real one does (expired sessions, slow answers, a restart
 * that never finishes, a plugin that fails to enable) and check what the tool did to it.
 */
public final class SimulatorControl {

    /** How an instance's next start or restart goes wrong (for the deploy health check). */
    public enum StartFailure {
        /** The application ends in state FAILED (100) instead of READY. */
        STATE_FAILED,
        /** Paper prints "**** FAILED TO BIND TO PORT!" and the application ends FAILED. */
        FAILED_TO_BIND
    }

    private final SimulatedHost host;
    private final AmpSimulator simulator;

    SimulatorControl(SimulatedHost host, AmpSimulator simulator) {
        this.host = host;
        this.simulator = simulator;
    }

    /**
     * Random faults from now on: a share {@code errorRate} of calls answers HTTP 500 or the HTTP-200
     * "Instance Unavailable" envelope (half each), a share {@code throttleRate} HTTP 429 with
     * {@code Retry-After: retryAfterSeconds}. Which calls fail follows host.json's {@code faults.seed}.
     * Rates of 0 switch the faults off.
     */
    public void setFaults(double errorRate, double throttleRate, int retryAfterSeconds) {
        host.setFaults(errorRate, throttleRate, retryAfterSeconds);
    }

    /** As {@link #setFaults} with errors only. */
    public void setErrorRate(double errorRate) {
        host.setFaults(errorRate, 0, 1);
    }

    /** Every session expires after this many calls (0 = only after the idle timeout). */
    public void setSessionMaxCalls(int calls) {
        host.setSessionMaxCalls(calls);
    }

    /** Closes the port: calls meet "connection refused" until {@link #hostUp()}. */
    public void hostDown() {
        simulator.goDown();
    }

    /** Serves again on the same port (sessions survive, as when only the network was down). */
    public void hostUp() {
        try {
            simulator.comeBackUp();
        } catch (IOException e) {
            throw new UncheckedIOException("the simulated AMP cannot listen on " + simulator.baseUrl() + " again: " + e.getMessage(), e);
        }
    }

    /** Whether the port is open. */
    public boolean isHostUp() {
        return simulator.isUp();
    }

    /** The instance's next start or restart fails this way (one-shot). */
    public void failNextStart(String instanceName, StartFailure failure) {
        host.instance(instanceName).failNextStart(failure);
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
