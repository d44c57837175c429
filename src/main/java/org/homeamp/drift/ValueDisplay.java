package org.homeamp.drift;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.homeamp.formats.KeyPath;

/**
 * Shows a tree value as one line of text for findings and reports, with every secret inside it
 * replaced by its {@link SecretMasker} fingerprint.
 */
final class ValueDisplay {
    private ValueDisplay() {
    }

    /**
     * A value as one line of text for reports. {@code isSecret} is asked for every path inside the
     * value, so a secret nested in a list or map shown as a whole is still only a fingerprint.
     */
    static String display(Object value, KeyPath path, boolean flatKeys, Function<String, Boolean> isSecret, SecretMasker masker) {
        if (isSecret.apply(path.toString())) {
            return masker.fingerprint(clear(value));
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (out.length() > 1) {
                    out.append(", ");
                }
                String key = String.valueOf(entry.getKey());
                KeyPath child = flatKeys && path.isRoot() ? KeyPath.ofPropertiesKey(key) : path.child(key);
                out.append(key).append(": ").append(display(entry.getValue(), child, false, isSecret, masker));
            }
            return out.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                out.append(display(list.get(i), path.index(i), false, isSecret, masker));
            }
            return out.append(']').toString();
        }
        return clear(value);
    }

    private static String clear(Object value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return display(value, KeyPath.root(), false, p -> false, null);
        }
        return String.valueOf(value);
    }
}
