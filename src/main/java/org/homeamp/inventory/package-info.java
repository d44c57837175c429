/**
 * The {@code discovery} job: finds instances and their plugin jars, hashes and reads
 * descriptors, records inventory events. A feature: it may import {@code formats}, the ports
 * ({@code amp}, {@code files}), {@code batch} and {@code config}; its
 * {@code DiscoveryJobConfig} is job wiring, which only the command line and {@code nightly}
 * see.
 */
package org.homeamp.inventory;
