package org.homeamp.variables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of the variables workbook (SPEC §7), validated by {@link VariablesReader}. Instance,
 * group and server names match case-insensitively, because operators type them by hand; variable
 * names match exactly, as the {@code {{name}}} placeholders write them.
 */
public final class VariablesTable {
    private static final VariablesTable EMPTY = new VariablesTable(List.of());

    private final List<Row> rows;

    VariablesTable(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /** A table with no rows: every instance has no groups and every placeholder stays unresolved. */
    public static VariablesTable empty() {
        return EMPTY;
    }

    /**
     * One row of the sheet.
     *
     * @param instance an instance name, {@code @group} or {@code *}
     * @param server   the server the row is restricted to, or null
     * @param groups   the groups of an instance row, in overlay order
     * @param values   the variables set on this row (empty cells left out)
     * @param cell     reference of the row's instance cell ({@code A7}), for messages
     */
    record Row(String instance, String server, List<String> groups, Map<String, Object> values, String cell) {
        boolean isDefaults() {
            return instance.equals("*");
        }

        boolean isGroup() {
            return instance.startsWith("@");
        }

        boolean appliesTo(String serverName) {
            return server == null || server.equalsIgnoreCase(serverName);
        }
    }

    /** The groups the sheet defines with an {@code @group} row, without the {@code @}. */
    public List<String> groupNames() {
        return rows.stream().filter(Row::isGroup).map(r -> r.instance().substring(1)).distinct().toList();
    }

    /** True when the sheet has no rows at all. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Groups and resolved values for one instance; an instance without a row gets the {@code *} values. */
    public InstanceVariables forInstance(String server, String instance) {
        List<Row> own = matching(server, r -> !r.isDefaults() && !r.isGroup() && r.instance().equalsIgnoreCase(instance));
        List<String> groups = own.stream().map(Row::groups).filter(g -> !g.isEmpty()).findFirst().orElse(List.of());
        Map<String, Object> values = new LinkedHashMap<>();
        own.forEach(row -> row.values().forEach(values::putIfAbsent));
        for (String group : groups) {
            String name = "@" + group.toLowerCase(Locale.ROOT);
            matching(server, r -> r.isGroup() && r.instance().toLowerCase(Locale.ROOT).equals(name))
                    .forEach(row -> row.values().forEach(values::putIfAbsent));
        }
        matching(server, Row::isDefaults).forEach(row -> row.values().forEach(values::putIfAbsent));
        return new InstanceVariables(server, instance, groups, values);
    }

    /** Rows for this server, those restricted to it before the unrestricted ones. */
    private List<Row> matching(String server, java.util.function.Predicate<Row> filter) {
        List<Row> specific = new ArrayList<>();
        List<Row> general = new ArrayList<>();
        for (Row row : rows) {
            if (filter.test(row) && row.appliesTo(server)) {
                (row.server() == null ? general : specific).add(row);
            }
        }
        specific.addAll(general);
        return specific;
    }
}
