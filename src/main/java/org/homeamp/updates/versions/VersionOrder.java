package org.homeamp.updates.versions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Orders the version strings plugins really use.
 *
 * <p>Maven's {@link ComparableVersion} alone gets many of them wrong (research/update-sources.md §8):
 * {@code 1.7.3-b131} looks older than {@code 1.7.3} because {@code b} means beta, {@code -dev+93-3a6fdd9}
 * and {@code -SNAPSHOT+899} look newer than their release, {@code v5.4.102} sorts below every plain
 * version, {@code -dist} makes a jar look newer. So a string is first read into a {@link ParsedVersion}:
 * <ul>
 *   <li>a registry {@code version-pattern} (a regex whose group 1 is the comparable part) is applied first;</li>
 *   <li>a leading {@code v}, {@code version} or {@code build} word is dropped;</li>
 *   <li>build metadata is set aside: everything after {@code +}, a parenthesised suffix such as
 *       {@code (b110-0e3163c)}, a trailing {@code -b123} / {@code build 123}, git hashes;</li>
 *   <li>the numeric core is compared numerically, trailing zeros ignored ({@code 5.4.0 == 5.4});</li>
 *   <li>pre-release words ({@code alpha < beta < pre/milestone < rc < snapshot/dev}) with their numbers
 *       make a version older than its release; classifiers ({@code dist}, {@code release}, {@code free},
 *       platform names, any unknown word) do not count.</li>
 * </ul>
 * Precedence ignores build metadata as SemVer does, except that two versions of equal precedence that
 * both carry a build number are ordered by it ({@code 1.7.3-b131 == 1.7.3}, {@code -b131 < -b132}).
 * A string with no numeric core (a bare git hash, {@code ${project.version}}, {@code unknown}) is
 * <em>not comparable</em>: {@link #compare(String, String, String)} answers empty rather than guess.
 * ComparableVersion is still used to order the leftover text of two otherwise equal versions.
 *
 * <p>As a {@link Comparator} this class is a total order meant for sorting: incomparable strings come
 * first, and versions of equal precedence are ordered by build number (absent first) and then text.
 */
public final class VersionOrder implements Comparator<String> {
    private static final Pattern LEADING_WORD = Pattern.compile("(?i)^(?:v(?=\\d)|version\\s*|v?build\\s*[#:]?\\s*(?=\\d)|r(?=\\d+\\.))");
    private static final Pattern PARENTHESISED = Pattern.compile("\\s*\\(([^)]*)\\)\\s*$");
    private static final Pattern TRAILING_BUILD = Pattern.compile("(?i)(?:^|[-_.\\s])(?:b|build)[-_.\\s#]?(\\d+)$");
    private static final Pattern ISO_DATE = Pattern.compile("^(\\d{4})-(\\d{2})-(\\d{2})(?=$|[^\\d])");
    private static final Pattern FIRST_NUMBER = Pattern.compile("(?:^|[-._])(\\d+)(?=$|[-._])");
    private static final Pattern BUILD_IN_METADATA = Pattern.compile("(?i)(?:^|[^a-z])(?:b|build)[-_.\\s#]?(\\d+)");
    private static final Pattern GIT_HASH = Pattern.compile("(?i)(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\\d)[0-9a-f]{7,40}");
    private static final Pattern SEPARATORS = Pattern.compile("[-._\\s]+");
    private static final Pattern LETTERS_DIGITS = Pattern.compile("(\\p{Alpha}+)(\\d+)");
    private static final Pattern DIGITS_ONLY = Pattern.compile("\\d+");
    private static final Pattern R_REVISION = Pattern.compile("(?i)r(\\d+)");

    private static final Map<String, Integer> PRE_RELEASE_RANK = Map.ofEntries(
            Map.entry("alpha", 1), Map.entry("a", 1),
            Map.entry("beta", 2), Map.entry("b", 2),
            Map.entry("milestone", 3), Map.entry("m", 3), Map.entry("pre", 3), Map.entry("preview", 3),
            Map.entry("rc", 4), Map.entry("cr", 4),
            Map.entry("snapshot", 5), Map.entry("dev", 5), Map.entry("nightly", 5), Map.entry("experimental", 5));

    /** Shared instance without a version pattern. */
    public static final VersionOrder NATURAL = new VersionOrder(null);

    private final String versionPattern;

    /**
     * An order that reads every string through {@code versionPattern} first.
     *
     * @param versionPattern a regex whose group 1 is the comparable part, or {@code null}
     */
    public VersionOrder(String versionPattern) {
        this.versionPattern = versionPattern == null || versionPattern.isBlank() ? null : versionPattern;
    }

    /**
     * Reads a version string.
     *
     * @param raw            the string as published or installed
     * @param versionPattern a regex whose group 1 is the comparable part, or {@code null}
     * @return empty when the string is not comparable (no numeric core, or the pattern does not match)
     */
    public static Optional<ParsedVersion> parse(String raw, String versionPattern) {
        if (raw == null) {
            return Optional.empty();
        }
        Optional<String> comparable = comparablePart(raw.strip(), versionPattern);
        if (comparable.isEmpty()) {
            return Optional.empty();
        }
        Reading reading = new Reading(comparable.get());
        reading.stripDecorations();
        return reading.readTokens(SEPARATORS.split(reading.text.strip()), raw);
    }

    /** The text itself, or group 1 of the version pattern; empty when the pattern does not match or is broken. */
    private static Optional<String> comparablePart(String text, String versionPattern) {
        if (versionPattern == null || versionPattern.isBlank()) {
            return Optional.of(text);
        }
        Matcher matcher;
        try {
            matcher = Pattern.compile(versionPattern).matcher(text);
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
        if (!matcher.find() || matcher.groupCount() < 1 || matcher.group(1) == null) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(1).strip());
    }

    /** One string being read: what is left to read, what was read but plays no part in ordering, the build number. */
    private static final class Reading {
        private String text;
        private final StringBuilder ignored = new StringBuilder();
        private long build = -1;
        private final List<Long> core = new ArrayList<>();
        private final List<ParsedVersion.Qualifier> qualifiers = new ArrayList<>();

        Reading(String text) {
            this.text = text;
        }

        /** Removes a leading word, a parenthesised suffix, {@code +metadata} and a trailing build, keeping the build number. */
        void stripDecorations() {
            text = LEADING_WORD.matcher(text).replaceFirst("");
            Matcher paren = PARENTHESISED.matcher(text);
            if (paren.find()) {
                String inside = paren.group(1);
                ignored.append('(').append(inside).append(')');
                build = buildNumberIn(inside);
                text = text.substring(0, paren.start());
            }
            int plus = text.indexOf('+');
            if (plus >= 0) {
                String metadata = text.substring(plus + 1);
                ignored.append('+').append(metadata);
                if (build < 0) {
                    long fromWord = buildNumberIn(metadata);
                    build = fromWord >= 0 ? fromWord : firstNumber(metadata);
                }
                text = text.substring(0, plus);
            }
            Matcher trailingBuild = TRAILING_BUILD.matcher(text);
            if (trailingBuild.find() && trailingBuild.start() > 0) {
                if (build < 0) {
                    build = Long.parseLong(trailingBuild.group(1));
                }
                ignored.append(text, trailingBuild.start(), text.length());
                text = text.substring(0, trailingBuild.start());
            }
            Matcher date = ISO_DATE.matcher(text);
            if (date.find()) {
                text = date.group(1) + "." + date.group(2) + "." + date.group(3) + text.substring(date.end());
            }
        }

        /** The core is the leading run of numbers; without one the string is not a version we can order. */
        Optional<ParsedVersion> readTokens(String[] tokens, String raw) {
            int i = 0;
            while (i < tokens.length && DIGITS_ONLY.matcher(tokens[i]).matches() && !isHash(tokens[i])) {
                core.add(number(tokens[i]));
                i++;
            }
            if (core.isEmpty()) {
                return Optional.empty();
            }
            for (; i < tokens.length; i++) {
                i = readQualifierToken(tokens, i);
            }
            while (core.size() > 1 && core.get(core.size() - 1) == 0) {
                core.remove(core.size() - 1);
            }
            return Optional.of(new ParsedVersion(raw, List.copyOf(core), List.copyOf(qualifiers), build, ignored.toString()));
        }

        /** Reads the token at {@code i} after the core (and the numbers that belong to it); returns the last index read. */
        private int readQualifierToken(String[] tokens, int i) {
            String token = tokens[i].toLowerCase(Locale.ROOT);
            if (token.isEmpty()) {
                return i;
            }
            if (isHash(token)) {
                ignored.append(' ').append(token);
                return i;
            }
            Matcher revision = R_REVISION.matcher(token);
            if (revision.matches() && qualifiers.isEmpty()) {
                // Bukkit API style "1.20.4-R0.1": the revision continues the release number.
                core.add(number(revision.group(1)));
                while (i + 1 < tokens.length && DIGITS_ONLY.matcher(tokens[i + 1]).matches()) {
                    core.add(number(tokens[++i]));
                }
                return i;
            }
            if (DIGITS_ONLY.matcher(token).matches()) {
                readDashedNumber(token);
                return i;
            }
            String word = token;
            List<Long> numbers = new ArrayList<>();
            Matcher lettersDigits = LETTERS_DIGITS.matcher(token);
            if (lettersDigits.matches()) {
                word = lettersDigits.group(1);
                numbers.add(number(lettersDigits.group(2)));
            }
            Integer rank = PRE_RELEASE_RANK.get(word);
            if (rank == null) {
                // Classifiers (dist, release, free, bukkit, paper, ...) describe the file, not its age.
                ignored.append('-').append(token);
                return i;
            }
            while (i + 1 < tokens.length && DIGITS_ONLY.matcher(tokens[i + 1]).matches()) {
                numbers.add(number(tokens[++i]));
            }
            qualifiers.add(new ParsedVersion.Qualifier(rank, word, List.copyOf(numbers)));
            return i;
        }

        /** A number after the core: continues the last qualifier, else is the build counter ("1.2-45"), else ignored. */
        private void readDashedNumber(String token) {
            if (!qualifiers.isEmpty()) {
                ParsedVersion.Qualifier last = qualifiers.remove(qualifiers.size() - 1);
                List<Long> more = new ArrayList<>(last.numbers());
                more.add(number(token));
                qualifiers.add(new ParsedVersion.Qualifier(last.rank(), last.word(), List.copyOf(more)));
            } else if (build < 0) {
                build = number(token);
                ignored.append('-').append(token);
            } else {
                ignored.append('-').append(token);
            }
        }
    }

    /**
     * Compares two version strings by precedence.
     *
     * @return negative, zero or positive as {@code a} is older than, as new as, or newer than {@code b};
     *         empty when either string is not comparable
     */
    public static Optional<Integer> compare(String a, String b, String versionPattern) {
        Optional<ParsedVersion> left = parse(a, versionPattern);
        Optional<ParsedVersion> right = parse(b, versionPattern);
        if (left.isEmpty() || right.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Integer.signum(precedence(left.get(), right.get())));
    }

    /** True when {@code raw} can be ordered at all. */
    public static boolean isComparable(String raw, String versionPattern) {
        return parse(raw, versionPattern).isPresent();
    }

    /**
     * Precedence of two parsed versions: core, then qualifiers, then build numbers when both have one.
     */
    public static int precedence(ParsedVersion a, ParsedVersion b) {
        int byCoreAndQualifiers = compareIgnoringBuild(a, b);
        if (byCoreAndQualifiers != 0) {
            return byCoreAndQualifiers;
        }
        if (a.buildNumber() >= 0 && b.buildNumber() >= 0) {
            return Long.compare(a.buildNumber(), b.buildNumber());
        }
        return 0;
    }

    /** Total order for sorting; see the class comment. */
    @Override
    public int compare(String a, String b) {
        Optional<ParsedVersion> left = parse(a, versionPattern);
        Optional<ParsedVersion> right = parse(b, versionPattern);
        if (left.isEmpty() || right.isEmpty()) {
            if (left.isPresent()) {
                return 1;
            }
            if (right.isPresent()) {
                return -1;
            }
            return String.valueOf(a).compareTo(String.valueOf(b));
        }
        int result = compareIgnoringBuild(left.get(), right.get());
        if (result != 0) {
            return result;
        }
        result = Long.compare(left.get().buildNumber(), right.get().buildNumber());
        if (result != 0) {
            return result;
        }
        result = new ComparableVersion(left.get().ignored()).compareTo(new ComparableVersion(right.get().ignored()));
        return result != 0 ? result : String.valueOf(a).compareTo(String.valueOf(b));
    }

    private static int compareIgnoringBuild(ParsedVersion a, ParsedVersion b) {
        int size = Math.max(a.core().size(), b.core().size());
        for (int i = 0; i < size; i++) {
            long x = i < a.core().size() ? a.core().get(i) : 0;
            long y = i < b.core().size() ? b.core().get(i) : 0;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        int count = Math.max(a.qualifiers().size(), b.qualifiers().size());
        for (int i = 0; i < count; i++) {
            // One more pre-release qualifier makes a version older: 1.0-beta-snapshot < 1.0-beta < 1.0.
            if (i >= a.qualifiers().size()) {
                return 1;
            }
            if (i >= b.qualifiers().size()) {
                return -1;
            }
            ParsedVersion.Qualifier x = a.qualifiers().get(i);
            ParsedVersion.Qualifier y = b.qualifiers().get(i);
            if (x.rank() != y.rank()) {
                return Integer.compare(x.rank(), y.rank());
            }
            int numbers = Math.max(x.numbers().size(), y.numbers().size());
            for (int n = 0; n < numbers; n++) {
                long p = n < x.numbers().size() ? x.numbers().get(n) : 0;
                long q = n < y.numbers().size() ? y.numbers().get(n) : 0;
                if (p != q) {
                    return Long.compare(p, q);
                }
            }
        }
        return 0;
    }

    private static long buildNumberIn(String text) {
        Matcher matcher = BUILD_IN_METADATA.matcher(text);
        return matcher.find() ? number(matcher.group(1)) : -1;
    }

    private static long firstNumber(String text) {
        Matcher matcher = FIRST_NUMBER.matcher(text);
        return matcher.find() ? number(matcher.group(1)) : -1;
    }

    private static boolean isHash(String token) {
        return GIT_HASH.matcher(token).matches();
    }

    private static long number(String digits) {
        // Absurdly long digit runs (timestamps glued together) are capped rather than overflowing.
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }
}
