package org.homeamp.baseline;

import java.util.regex.Pattern;

/** Turns the globs and key patterns of {@code rules.yml} into regular expressions. */
final class Patterns {
    private Patterns() {
    }

    /**
     * A glob over instance-relative paths: {@code *} and {@code ?} stay within one folder,
     * {@code **} crosses folders, {@code **}{@code /} also matches no folder at all.
     */
    static Pattern fileGlob(String glob) {
        StringBuilder regex = new StringBuilder("^");
        int i = 0;
        while (i < glob.length()) {
            if (glob.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 3;
            } else if (glob.startsWith("**", i)) {
                regex.append(".*");
                i += 2;
            } else if (glob.charAt(i) == '*') {
                regex.append("[^/]*");
                i++;
            } else if (glob.charAt(i) == '?') {
                regex.append("[^/]");
                i++;
            } else {
                regex.append(Pattern.quote(String.valueOf(glob.charAt(i))));
                i++;
            }
        }
        return Pattern.compile(regex.append('$').toString());
    }

    /**
     * A key pattern over printed {@link org.homeamp.formats.KeyPath}s: {@code *} is any text within one
     * segment, {@code **} any text across segments ({@code **.password} also matches a top-level
     * {@code password}; {@code **webhook**} any path containing "webhook"). A pattern that matches a
     * path also matches everything below it, so ignoring or hiding a section covers its keys.
     * Patterns match the printed path, so a quoted segment is written quoted in the pattern too
     * ({@code items."minecraft:stone.name"}), and {@code *} does not reach past a dot even inside quotes.
     */
    static Pattern keyPattern(String pattern) {
        StringBuilder regex = new StringBuilder("^");
        int i = 0;
        while (i < pattern.length()) {
            if (i == 0 && pattern.startsWith("**.", i)) {
                regex.append("(?:.*\\.)?");
                i += 3;
            } else if (pattern.startsWith(".**.", i)) {
                regex.append("\\.(?:.*\\.)?");
                i += 4;
            } else if (pattern.startsWith("**", i)) {
                regex.append(".*");
                i += 2;
            } else if (pattern.charAt(i) == '*') {
                regex.append("[^.]*");
                i++;
            } else {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
                i++;
            }
        }
        return Pattern.compile(regex.append("(?:[.\\[].*)?$").toString());
    }
}
