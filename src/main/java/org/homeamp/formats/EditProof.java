package org.homeamp.formats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.homeamp.formats.KeyPath;
import org.homeamp.formats.ListOrder;
import org.homeamp.formats.Values;

/**
 * The guard behind every edit: the tree re-read from the edited bytes must equal the original tree
 * with the approved changes applied. At a changed key the values compare as the drift scan compares
 * them ({@code 1} equals {@code 1.0}); everywhere else the trees must be identical, types included,
 * because the editor never touched those bytes and any difference there means the edit leaked.
 */
final class EditProof {
    private EditProof() {
    }

    /** Tree paths: a {@code .properties} key is one flat segment, as the scan's tree holds it. */
    record TreeChange(List<Object> path, Object value) {
    }

    /**
     * @return the first path where {@code actual} differs from {@code original} with the changes
     *         applied, printed as a key path, or null when the edit is proven
     */
    static String firstUnexpectedDifference(Object original, Object actual, List<TreeChange> changes) {
        Object expected = deepCopy(original);
        for (TreeChange change : changes) {
            expected = set(expected, change.path(), 0, change.value());
        }
        Set<List<Object>> changed = new java.util.HashSet<>();
        changes.forEach(c -> changed.add(c.path()));
        return difference(expected, actual, new ArrayList<>(), changed);
    }

    private static String difference(Object expected, Object actual, List<Object> path, Set<List<Object>> changed) {
        if (changed.contains(path)) {
            return Values.semanticEquals(expected, actual, ListOrder.ORDERED) ? null : print(path);
        }
        if (expected instanceof Map<?, ?> em && actual instanceof Map<?, ?> am) {
            if (!em.keySet().equals(am.keySet())) {
                return print(path) + " (keys added or removed)";
            }
            for (Map.Entry<?, ?> entry : em.entrySet()) {
                path.add(entry.getKey());
                String found = difference(entry.getValue(), am.get(entry.getKey()), path, changed);
                path.remove(path.size() - 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (expected instanceof List<?> el && actual instanceof List<?> al) {
            if (el.size() != al.size()) {
                return print(path) + " (items added or removed)";
            }
            for (int i = 0; i < el.size(); i++) {
                path.add(i);
                String found = difference(el.get(i), al.get(i), path, changed);
                path.remove(path.size() - 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        return Objects.equals(expected, actual) ? null : print(path);
    }

    private static String print(List<Object> path) {
        KeyPath key = KeyPath.root();
        for (Object segment : path) {
            key = segment instanceof Integer index ? key.index(index) : key.child((String) segment);
        }
        return key.isRoot() ? "(the whole document)" : key.toString();
    }

    /** Sets a value in a copied tree, creating missing maps on the way, as an inserted key does. */
    @SuppressWarnings("unchecked")
    static Object set(Object tree, List<Object> path, int depth, Object value) {
        if (depth == path.size()) {
            return deepCopy(value);
        }
        Object segment = path.get(depth);
        if (segment instanceof Integer index && tree instanceof List<?> list && index < list.size()) {
            List<Object> items = (List<Object>) list;
            items.set(index, set(items.get(index), path, depth + 1, value));
            return items;
        }
        if (segment instanceof Integer index && tree instanceof List<?> list && index == list.size()) {
            ((List<Object>) list).add(set(null, path, depth + 1, value));
            return list;
        }
        Map<String, Object> map = tree instanceof Map<?, ?> existing ? (Map<String, Object>) existing : new LinkedHashMap<>();
        String key = String.valueOf(segment);
        map.put(key, set(map.get(key), path, depth + 1, value));
        return map;
    }

    static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(deepCopy(item)));
            return copy;
        }
        return value;
    }

    /** The value at a tree path, or {@code absent} when some segment is missing. */
    static Object get(Object tree, List<Object> path, Object absent) {
        Object node = tree;
        for (Object segment : path) {
            if (segment instanceof Integer index && node instanceof List<?> list && index < list.size()) {
                node = list.get(index);
            } else if (segment instanceof String key && node instanceof Map<?, ?> map && map.containsKey(key)) {
                node = map.get(key);
            } else {
                return absent;
            }
        }
        return node;
    }
}
