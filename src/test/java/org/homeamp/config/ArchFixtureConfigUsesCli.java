package org.homeamp.config;

import org.homeamp.cli.HomeAmpCli;

/**
 * A deliberate violation for {@code ArchitectureTest}: config (the bottom layer) using the command
 * line makes a cycle and an upward dependency. Never used by any other code.
 */
final class ArchFixtureConfigUsesCli {
    private ArchFixtureConfigUsesCli() {
    }

    static int usage() {
        return HomeAmpCli.USAGE + HomeAmpCli.class.getModifiers();
    }
}
