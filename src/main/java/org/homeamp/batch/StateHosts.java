package org.homeamp.batch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * The state host of a process: which state dir holds the files it writes for a deployment (prepared
 * files and backups). {@code null} stands for the manager's state dir; a {@code homeamp worker} is
 * {@code <host name>:<absolute state dir>} (D-W5). Two workers of one server on the same host with
 * the same state dir are one state host.
 */
public final class StateHosts {
    private StateHosts() {
    }

    /** The state host of a worker whose state dir is {@code stateDir} on this machine. */
    public static String of(Path stateDir) {
        return hostName() + ":" + stateDir.toAbsolutePath().normalize();
    }

    /** How messages name a state host: {@code the manager's state dir}, or {@code the state dir /var/lib/homeamp on ovh-1}. */
    public static String describe(String stateHost) {
        if (stateHost == null) {
            return "the manager's state dir";
        }
        int colon = stateHost.indexOf(':');
        return colon < 0 ? "the state dir of " + stateHost
                : "the state dir " + stateHost.substring(colon + 1) + " on " + stateHost.substring(0, colon);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }
}
