package org.homeamp.approval;

import java.util.Optional;

/**
 * Finds a plan by id, with its changes and expiry: the reader's only view of what was proposed.
 * Backed by the database in production ({@link JdbcPlanStore}).
 */
public interface PlanLookup {
    /** The plan, or empty when no plan has this id. */
    Optional<Plan> find(String planId);
}
