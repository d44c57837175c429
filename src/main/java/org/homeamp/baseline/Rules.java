package org.homeamp.baseline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.homeamp.formats.CompareMode;
import org.homeamp.formats.ListOrder;

/**
 * The rules of {@code baselines/rules.yml}: which keys to ignore (with a reason and an optional end
 * date), which keys hold secrets, and per-file compare mode and list order. Read with
 * {@link RulesParser}; immutable.
 */
public final class Rules {
    private static final Rules EMPTY = new Rules(List.of(), List.of(), List.of());

    private final List<IgnoreRule> ignores;
    private final List<SecretPattern> secrets;
    private final List<FileRule> files;

    Rules(List<IgnoreRule> ignores, List<SecretPattern> secrets, List<FileRule> files) {
        this.ignores = List.copyOf(ignores);
        this.secrets = List.copyOf(secrets);
        this.files = List.copyOf(files);
    }

    /** No rules: nothing ignored, nothing secret, every file subset-checked with ordered lists. */
    public static Rules empty() {
        return EMPTY;
    }

    /**
     * One {@code ignore:} entry.
     *
     * @param source where it is written, {@code rules.yml line 4}, for messages
     */
    public record IgnoreRule(String files, List<String> keys, String reason, LocalDate until, String source,
                             Pattern fileRegex, List<Pattern> keyRegexes) {
        boolean appliesOn(LocalDate today) {
            return until == null || !today.isAfter(until);
        }
    }

    /** One {@code secrets.keys} pattern. */
    record SecretPattern(String pattern, Pattern regex) {
    }

    /** One {@code files:} entry; {@code mode} or {@code lists} is null when the entry leaves it unset. */
    public record FileRule(String files, CompareMode mode, ListOrder lists, String source, Pattern fileRegex) {
    }

    /** The ignore rules, in file order. */
    public List<IgnoreRule> ignoreRules() {
        return ignores;
    }

    /** The file rules, in file order. */
    public List<FileRule> fileRules() {
        return files;
    }

    /**
     * True when an ignore rule that has not expired by {@code today} matches the file and the key
     * path (or a path above it).
     */
    public boolean isIgnored(String file, String keyPath, LocalDate today) {
        for (IgnoreRule rule : ignores) {
            if (rule.appliesOn(today) && rule.fileRegex().matcher(file).matches()) {
                for (Pattern key : rule.keyRegexes()) {
                    if (key.matcher(keyPath).matches()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** True when the value at this key path (or a map above it) is a secret, in any file. */
    public boolean isSecret(String keyPath) {
        for (SecretPattern secret : secrets) {
            if (secret.regex().matcher(keyPath).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The compare mode of the first {@code files:} entry that matches and sets one; else subset. */
    public CompareMode modeFor(String file) {
        for (FileRule rule : files) {
            if (rule.mode() != null && rule.fileRegex().matcher(file).matches()) {
                return rule.mode();
            }
        }
        return CompareMode.SUBSET;
    }

    /** The list order of the first {@code files:} entry that matches and sets one; else ordered. */
    public ListOrder listsFor(String file) {
        for (FileRule rule : files) {
            if (rule.lists() != null && rule.fileRegex().matcher(file).matches()) {
                return rule.lists();
            }
        }
        return ListOrder.ORDERED;
    }

    /**
     * One message per ignore rule whose {@code until} date lies before {@code today}; such a rule no
     * longer applies, and the operator should remove it or extend it.
     */
    public List<String> expiredRules(LocalDate today) {
        List<String> expired = new ArrayList<>();
        for (IgnoreRule rule : ignores) {
            if (!rule.appliesOn(today)) {
                expired.add(rule.source() + ": ignore rule for files \"" + rule.files() + "\", keys " + rule.keys()
                        + " (\"" + rule.reason() + "\") expired on " + rule.until()
                        + " and no longer applies; remove it or move 'until' to a later date");
            }
        }
        return expired;
    }
}
