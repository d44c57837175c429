/**
 * The {@code download} job: streams approved or available update jars into the staging folder,
 * verifies checksums, inspects the jar and refuses what does not match. A feature: it may
 * import {@code updates}, {@code inventory}, {@code formats}, the ports, {@code batch} and
 * {@code config}; {@code DownloadJobConfig} is job wiring.
 */
package org.homeamp.staging;
