package org.homeamp.config;

import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Top-level {@code spring.*} keys, passed through without validation to Spring's environment. Their
 * values never appear in messages (a datasource password may be among them).
 */
final class SpringSection {
    private SpringSection() {
    }

    /** Flattens like Spring's own YAML loader: nested keys joined with '.', lists of values comma-joined. */
    static void flatten(String prefix, Node node, Map<String, String> into, Problems problems) {
        if (node instanceof MappingNode map) {
            for (ConfigMap.Entry entry : ConfigMap.entries(map, prefix, problems).values()) {
                flatten(prefix + "." + entry.key(), entry.value(), into, problems);
            }
        } else if (node instanceof SequenceNode list) {
            List<Node> items = list.getValue();
            if (items.stream().allMatch(ScalarNode.class::isInstance)) {
                into.put(prefix, String.join(",", items.stream().map(item -> YamlNodes.text((ScalarNode) item)).toList()));
            } else {
                for (int i = 0; i < items.size(); i++) {
                    flatten(prefix + "[" + i + "]", items.get(i), into, problems);
                }
            }
        } else {
            into.put(prefix, YamlNodes.text((ScalarNode) node));
        }
    }
}
