package org.homeamp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring application: its package is the root of component scanning. The command line
 * ({@code org.homeamp.cli.HomeAmpCli}, the jar's start class) is parsed first (picocli, no Spring),
 * so that usage and configuration errors answer fast with exit code 2; commands that need the job
 * repository then start a Spring context through {@link ApplicationContexts}.
 */
@SpringBootApplication
public class HomeAmpApplication {
}
