package org.homeamp.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.homeamp.formats.KeyPath;

/** Looks a value up in a parsed config tree by key path. */
final class TreeValues {
    private TreeValues() {
    }

    /** The value at {@code path}, or empty when a segment is missing (a present null is {@code Optional.of(NULL)}). */
    static Optional<Object> at(Object tree, KeyPath path) {
        Object node = tree;
        for (Object segment : path.segments()) {
            if (segment instanceof Integer index && node instanceof List<?> list) {
                if (index < 0 || index >= list.size()) {
                    return Optional.empty();
                }
                node = list.get(index);
            } else if (node instanceof Map<?, ?> map && map.containsKey(String.valueOf(segment))) {
                node = map.get(String.valueOf(segment));
            } else {
                return Optional.empty();
            }
            if (node == null) {
                return Optional.of(NULL);
            }
        }
        return Optional.of(node == null ? NULL : node);
    }

    /** A {@code .properties} value: the tree is flat, its keys as written (dots included). */
    static Optional<Object> flat(Object tree, String key) {
        if (tree instanceof Map<?, ?> map && map.containsKey(key)) {
            Object v = map.get(key);
            return Optional.of(v == null ? NULL : v);
        }
        return Optional.empty();
    }

    /** Stands for a key that is present with a null value. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    static Object unwrap(Object value) {
        return value == NULL ? null : value;
    }
}
