package org.homeamp.approval;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Plans held in a map: the reader's plan source in tests, where the database is not the subject. */
final class InMemoryPlanLookup implements PlanLookup {
    private final Map<String, Plan> plans = new LinkedHashMap<>();

    InMemoryPlanLookup(Plan... known) {
        for (Plan p : known) {
            add(p);
        }
    }

    InMemoryPlanLookup add(Plan plan) {
        plans.put(plan.planId(), plan);
        return this;
    }

    @Override
    public Optional<Plan> find(String planId) {
        return Optional.ofNullable(plans.get(planId));
    }
}
