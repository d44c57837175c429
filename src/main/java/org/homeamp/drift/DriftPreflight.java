package org.homeamp.drift;

import java.util.Set;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.JobPreflight;
import org.homeamp.config.HomeAmpSettings;
import org.springframework.stereotype.Component;

/** Reads baselines, rules and variables before a job that scans drift starts: a broken file is exit 2, before any work. */
@Component
class DriftPreflight implements JobPreflight {
    private static final Set<String> JOBS = Set.of(JobNames.DRIFT_SCAN, JobNames.NIGHTLY);

    private final HomeAmpSettings settings;

    DriftPreflight(HomeAmpSettings settings) {
        this.settings = settings;
    }

    @Override
    public void check(String jobName) {
        if (JOBS.contains(jobName)) {
            DriftInputs.load(settings);
        }
    }
}
