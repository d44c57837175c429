/**
 * The {@code update-check} job: which installed plugin has a newer release
 * ({@code UpdateDecider}) and the job's planner, partitioner, reader, processor, writer and
 * finisher. A feature: it may import its sub-packages {@code registry}, {@code sources} and
 * {@code versions}, the ports, {@code batch} and {@code config}; {@code UpdateCheckJobConfig}
 * is job wiring.
 */
package org.homeamp.updates;
