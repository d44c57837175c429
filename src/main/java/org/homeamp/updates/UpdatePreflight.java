package org.homeamp.updates;

import java.util.Set;

import org.homeamp.batch.JobNames;
import org.homeamp.batch.JobPreflight;
import org.homeamp.config.HomeAmpSettings;
import org.springframework.stereotype.Component;

/** Reads the registry before a job that checks updates starts or resumes: a broken registry file is exit 2, before any work. */
@Component
class UpdatePreflight implements JobPreflight {
    private static final Set<String> JOBS = Set.of(JobNames.UPDATE_CHECK, JobNames.NIGHTLY);

    private final HomeAmpSettings settings;

    UpdatePreflight(HomeAmpSettings settings) {
        this.settings = settings;
    }

    @Override
    public void check(String jobName) {
        if (JOBS.contains(jobName)) {
            UpdateInputs.registry(settings);
        }
    }
}
