package org.homeamp.drift;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Semantic equality and display of tree values. Equality follows what the server would see after
 * loading the file: {@code 1} equals {@code 1.0}, a quoted {@code 'false'} equals {@code false} (Bukkit
 * and Multiverse read either), a quoted {@code '20'} equals {@code 20}, and {@code yes}/{@code on}
 * equal {@code true} as in YAML 1.1.
 */
final class Values {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?");

    private Values() {
    }

    /** Deep semantic equality; maps ignore key order, lists follow {@code lists}. */
    static boolean semanticEquals(Object a, Object b, ListOrder lists) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (!ma.keySet().equals(mb.keySet())) {
                return false;
            }
            for (Map.Entry<?, ?> entry : ma.entrySet()) {
                if (!semanticEquals(entry.getValue(), mb.get(entry.getKey()), lists)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            if (lists == ListOrder.ORDERED) {
                for (int i = 0; i < la.size(); i++) {
                    if (!semanticEquals(la.get(i), lb.get(i), lists)) {
                        return false;
                    }
                }
                return true;
            }
            List<Object> remaining = new ArrayList<>(lb);
            outer:
            for (Object item : la) {
                for (int i = 0; i < remaining.size(); i++) {
                    if (semanticEquals(item, remaining.get(i), lists)) {
                        remaining.remove(i);
                        continue outer;
                    }
                }
                return false;
            }
            return true;
        }
        if (isContainer(a) || isContainer(b)) {
            return false;
        }
        return scalarEquals(a, b);
    }

    static boolean isContainer(Object value) {
        return value instanceof Map || value instanceof List;
    }

    /** "a map", "a list", "no value" or "a value", for messages. */
    static String describe(Object value) {
        if (value instanceof Map) {
            return "a map";
        }
        if (value instanceof List) {
            return "a list";
        }
        return value == null ? "no value (null)" : "a value";
    }

    static boolean scalarEquals(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Boolean || b instanceof Boolean) {
            Boolean x = asBoolean(a);
            return x != null && x.equals(asBoolean(b));
        }
        if (a instanceof Number || b instanceof Number) {
            return numberEquals(a, b);
        }
        return a.toString().equals(b.toString());
    }

    private static Boolean asBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> Boolean.TRUE;
                case "false", "no", "off" -> Boolean.FALSE;
                default -> null;
            };
        }
        return null;
    }

    private static boolean numberEquals(Object a, Object b) {
        if (a instanceof Double da && (da.isNaN() || da.isInfinite()) || b instanceof Double db && (db.isNaN() || db.isInfinite())) {
            return asDouble(a) != null && asDouble(a).equals(asDouble(b));
        }
        BigDecimal x = asDecimal(a);
        BigDecimal y = asDecimal(b);
        return x != null && y != null && x.compareTo(y) == 0;
    }

    private static Double asDouble(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.valueOf(value.toString().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal asDecimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d);
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        String text = value.toString().strip();
        return NUMBER.matcher(text).matches() ? new BigDecimal(text) : null;
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
