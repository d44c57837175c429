/**
 * {@code homeamp.yml} read into settings records ({@code ConfigLoader},
 * {@code HomeAmpSettings}, {@code ServerSettings}, {@code Secret}) with every problem named by
 * file and line in a {@code ConfigException}; the state dir's database and file modes
 * ({@code StateDatabase}, {@code StateDirectory}) and whole-file writes ({@code AtomicFiles}: temp
 * file, then rename). The bottom layer: it imports no other package of
 * the project, and every package may import it.
 */
package org.homeamp.config;
