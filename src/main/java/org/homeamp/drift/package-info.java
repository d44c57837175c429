/**
 * The {@code drift-scan} job and the comparison it runs: {@code DriftComparator} (expected
 * versus actual tree, per key path), {@code Finding} and {@code FindingKind},
 * {@code SecretMasker}, and the job's planner, partitioner, reader, processor, writer and
 * finisher. A feature: it may import {@code baseline}, {@code variables}, {@code formats}, the
 * ports, {@code batch} and {@code config}; {@code baseline} and {@code variables} never import
 * it.
 */
package org.homeamp.drift;
