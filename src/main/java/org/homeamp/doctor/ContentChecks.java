package org.homeamp.doctor;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.homeamp.baseline.BaselineSet;
import org.homeamp.config.ConfigException;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.updates.registry.Registry;
import org.homeamp.updates.registry.RegistryLoader;
import org.homeamp.variables.VariablesReader;
import org.homeamp.variables.VariablesTable;

/** Baselines (with rules.yml), the registry and the variables table parse with the readers the jobs use. */
final class ContentChecks {
    /** Problems named on the line itself; the rest are counted. */
    private static final int SHOWN = 2;

    private ContentChecks() {
    }

    static List<CheckResult> check(HomeAmpSettings settings) {
        List<CheckResult> results = new ArrayList<>();
        Set<String> groups = Set.of();
        try {
            BaselineSet baselines = BaselineSet.load(settings.baselinesDir());
            groups = baselines.groupNames();
            results.add(CheckResult.ok("baselines", settings.baselinesDir() + " and its rules.yml parse (" + groups.size() + " group overlays)"));
        } catch (ConfigException e) {
            results.add(CheckResult.fail("baselines", summary(e.problems()), "fix the files named; see docs/baselines.md"));
        }
        Registry registry = new RegistryLoader().load(settings.registryDir());
        if (registry.isValid()) {
            results.add(CheckResult.ok("registry", settings.registryDir() + ": " + registry.entries().size() + " plugin entries valid"));
        } else {
            results.add(CheckResult.fail("registry", summary(registry.problems().stream().map(Object::toString).toList()),
                    "run 'homeamp registry check' for the full list; see registry/README.md"));
        }
        if (!Files.exists(settings.variables())) {
            results.add(CheckResult.ok("variables", settings.variables() + " not present: no per-instance variables are used"));
            return results;
        }
        try {
            VariablesTable table = new VariablesReader().read(settings.variables(), groups);
            results.add(CheckResult.ok("variables", settings.variables() + " parses (" + table.groupNames().size() + " group(s))"));
        } catch (ConfigException e) {
            results.add(CheckResult.fail("variables", summary(e.problems()), "fix the cells named; see docs/baselines.md"));
        }
        return results;
    }

    private static String summary(List<String> problems) {
        String shown = String.join(" | ", problems.subList(0, Math.min(SHOWN, problems.size())));
        return problems.size() <= SHOWN ? shown : shown + " | and " + (problems.size() - SHOWN) + " more problem(s)";
    }
}
