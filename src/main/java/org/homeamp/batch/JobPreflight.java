package org.homeamp.batch;

/**
 * A check that runs before a job starts or resumes, so that a malformed input file (baselines,
 * rules, variables, registry) stops the command with exit 2 before any work (SPEC §7, §8).
 */
public interface JobPreflight {
    /** Throws {@link org.homeamp.config.ConfigException} naming file, line and fix when the job cannot run. */
    void check(String jobName);
}
