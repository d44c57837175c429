/**
 * {@code homeamp.yml} read into settings records ({@code ConfigLoader},
 * {@code HomeAmpSettings}, {@code ServerSettings}, {@code Secret}) with every problem named by
 * file and line in a {@code ConfigException}. The bottom layer: it imports no other package of
 * the project, and every package may import it.
 */
package org.homeamp.config;
