package org.homeamp;

import org.homeamp.cli.HomeAmpCli;
import org.homeamp.config.StateDatabase;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Entry point. The command line is parsed first (picocli, no Spring), so that usage and
 * configuration errors answer fast with exit code 2; commands that need the job repository then
 * start a Spring context through {@link org.homeamp.config.ApplicationContexts}.
 */
@SpringBootApplication
public class HomeAmpApplication {

    public static void main(String[] args) {
        // before any H2 class loads: its auto-server must listen on loopback only
        StateDatabase.bindToLoopback();
        System.exit(HomeAmpCli.execute(args));
    }
}
