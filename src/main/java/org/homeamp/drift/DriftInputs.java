package org.homeamp.drift;

import java.util.Map;
import java.util.Set;

import org.homeamp.baseline.BaselineSet;
import org.homeamp.baseline.ExpectedFile;
import org.homeamp.baseline.Rules;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.variables.VariablesReader;
import org.homeamp.variables.VariablesTable;

/**
 * What a drift scan compares against: rules, baselines and variables, read and validated once per
 * run. Reading them throws {@link org.homeamp.config.ConfigException} (exit 2) naming the file,
 * line or cell and the fix, before any instance is scanned.
 */
public class DriftInputs {
    private final Rules rules;
    private final BaselineSet baselines;
    private final VariablesTable variables;

    DriftInputs(Rules rules, BaselineSet baselines, VariablesTable variables) {
        this.rules = rules;
        this.baselines = baselines;
        this.variables = variables;
    }

    /** Reads everything from the configured folders; fails fast on a malformed file. */
    public static DriftInputs load(HomeAmpSettings settings) {
        BaselineSet baselines = BaselineSet.load(settings.baselinesDir());
        VariablesTable variables = new VariablesReader().read(settings.variables(), baselines.groupNames());
        return new DriftInputs(baselines.rules(), baselines, variables);
    }

    /**
     * The inputs of one job execution, read once and shared by its steps and partition threads
     * (Spring Batch's job scope is not visible from partition threads).
     */
    @org.springframework.stereotype.Component
    public static class PerExecution {
        private final HomeAmpSettings settings;
        private long executionId = -1;
        private DriftInputs inputs;

        public PerExecution(HomeAmpSettings settings) {
            this.settings = settings;
        }

        public synchronized DriftInputs get(long jobExecutionId) {
            if (jobExecutionId != executionId || inputs == null) {
                inputs = load(settings);
                executionId = jobExecutionId;
            }
            return inputs;
        }
    }

    public Rules rules() {
        return rules;
    }

    /** The expected files of one instance, keyed by instance-relative path. */
    public Map<String, ExpectedFile> expectedFor(String server, String instance, Set<String> installedPlugins) {
        return baselines.expectedFor(server, instance, installedPlugins, variables.forInstance(server, instance));
    }
}
