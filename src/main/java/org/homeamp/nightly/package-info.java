/**
 * Job wiring only: {@code NightlyJobConfig} chains the steps of the single jobs into the
 * nightly job. It may import the features, {@code formats}, the ports, {@code batch} and
 * {@code config}; only the command line refers to it.
 */
package org.homeamp.nightly;
