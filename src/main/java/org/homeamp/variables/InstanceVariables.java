package org.homeamp.variables;

import java.util.List;
import java.util.Map;

/**
 * The variables one instance sees after precedence: its own row, then its groups in order, then
 * {@code *}.
 *
 * @param server   the server the instance runs on
 * @param instance the instance name
 * @param groups   the instance's groups in overlay order, as the sheet lists them
 * @param values   variable name → value ({@link String}, {@link Long}, {@link Double} or {@link Boolean})
 */
public record InstanceVariables(String server, String instance, List<String> groups, Map<String, Object> values) {

    public InstanceVariables {
        groups = List.copyOf(groups);
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    /** No groups and no values: every placeholder stays unresolved. */
    public static InstanceVariables none(String server, String instance) {
        return new InstanceVariables(server, instance, List.of(), Map.of());
    }
}
