/**
 * Shared Spring Batch plumbing: {@code JobService} (run identity by date, restart, recovery),
 * {@code RunLock}, job names and parameter keys, progress, {@code PersistedWorkListReader} and
 * {@code Problems}. Used by the command line, the job wiring and the features; it imports only
 * {@code config}.
 */
package org.homeamp.batch;
