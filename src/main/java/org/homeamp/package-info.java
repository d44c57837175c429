/**
 * The application root: {@code HomeAmpApplication} (the Spring application, root of component
 * scanning) and {@code ApplicationContexts} (opens a Spring context on validated settings).
 * Only the command line uses this package; it imports only {@code config}. The program's entry
 * point is {@code cli.HomeAmpCli.main}, so that this package does not depend on the command
 * line that depends on it.
 */
package org.homeamp;
