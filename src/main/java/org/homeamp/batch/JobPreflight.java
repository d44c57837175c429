package org.homeamp.batch;

import java.util.Set;

/**
 * A check that runs before a job starts or resumes, so that a malformed input file (baselines,
 * rules, variables, registry) stops the command with exit 2 before any work (SPEC §7, §8).
 */
public interface JobPreflight {
    /** Throws {@link org.homeamp.config.ConfigException} naming file, line and fix when the job cannot run. */
    void check(String jobName);

    /** A preflight that runs {@code check} before any of {@code jobs}. */
    static JobPreflight forJobs(Set<String> jobs, Runnable check) {
        return jobName -> {
            if (jobs.contains(jobName)) {
                check.run();
            }
        };
    }
}
