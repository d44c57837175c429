package org.homeamp.deploy;

import java.time.Duration;

/**
 * Deploy settings ({@code homeamp.deploy} in homeamp.yml).
 *
 * @param parallel      instances deployed at once (default 1: a network never loses every server at once)
 * @param healthTimeout until AMP state READY after a restart (default 180 s)
 */
public record DeployOptions(int parallel, Duration healthTimeout) {
    public DeployOptions {
        if (parallel < 1) {
            throw new IllegalArgumentException("deploy.parallel must be at least 1");
        }
    }
}
