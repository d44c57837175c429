package org.homeamp.doctor;

import org.homeamp.config.HomeAmpSettings;

/**
 * Starts what a configuration needs before its AMP hosts and sources answer, for the length of the
 * checks: on a demo configuration the CLI passes one that starts the in-process simulators, so that
 * this package never depends on the demo.
 */
@FunctionalInterface
public interface HostsStarter {
    /** Nothing to start: the hosts are real. */
    HostsStarter NONE = settings -> new Started() {
        @Override
        public HomeAmpSettings settings() {
            return settings;
        }

        @Override
        public void close() {
            // nothing was started
        }
    };

    Started start(HomeAmpSettings settings);

    /** What was started, and the settings that point at it. */
    interface Started extends AutoCloseable {
        HomeAmpSettings settings();

        @Override
        void close();
    }
}
