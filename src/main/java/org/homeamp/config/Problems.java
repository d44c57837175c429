package org.homeamp.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects configuration problems so that one run reports all of them, each as
 * {@code <file>:<line>: <key path> = <value>: <what is wrong>. Fix: <what to do>}.
 */
final class Problems {
    private record Problem(int line, String text) {
    }

    private final String file;
    private final List<Problem> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    /**
     * Records one problem.
     *
     * @param shownValue the value as written, or {@code null} to leave it out (secrets, absent values)
     * @param wrong      what is wrong, without a final period
     * @param fix        what to do, without a final period
     */
    void add(int line, String keyPath, String shownValue, String wrong, String fix) {
        StringBuilder text = new StringBuilder().append(file).append(':').append(line).append(": ").append(keyPath);
        if (shownValue != null) {
            text.append(" = ").append(show(shownValue));
        }
        text.append(": ").append(wrong).append(". Fix: ").append(fix);
        found.add(new Problem(line, text.toString()));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws one exception listing every problem in file order, if there is any. */
    void throwIfAny() {
        if (found.isEmpty()) {
            return;
        }
        // A stable sort keeps problems found on the same line in the order they were checked.
        List<String> lines = found.stream().sorted(Comparator.comparingInt(Problem::line)).map(Problem::text).toList();
        throw new ConfigException(lines);
    }

    /** Quotes values whose edges would otherwise be invisible or confusing in the message. */
    private static String show(String value) {
        boolean plain = !value.isEmpty() && value.chars().noneMatch(Character::isWhitespace)
                && !value.contains("\"") && !value.endsWith(":");
        if (plain) {
            return value;
        }
        // Escaped so that every problem stays on its own line.
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t") + '"';
    }
}
